/*
 * Copyright 2026 The Ferrum developers
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.ferrum.application.journeys;

import java.awt.Component;
import java.awt.Container;
import java.awt.Dialog;
import java.awt.Frame;
import java.awt.GraphicsEnvironment;
import java.awt.KeyboardFocusManager;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import javax.swing.AbstractButton;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.SwingUtilities;
import javax.swing.text.JTextComponent;
import junit.framework.AssertionFailedError;
import org.netbeans.jemmy.JemmyProperties;
import org.netbeans.jemmy.TestOut;
import org.netbeans.jemmy.operators.AbstractButtonOperator;
import org.netbeans.jemmy.operators.ComponentOperator;
import org.netbeans.jemmy.operators.JFrameOperator;
import org.netbeans.jemmy.operators.JMenuBarOperator;
import org.netbeans.jemmy.operators.JTextComponentOperator;
import org.openide.windows.TopComponent;
import org.openide.windows.WindowManager;

/**
 * The harness of the GUI journeys: find windows and components, click, type, use menus and file choosers, wait for a
 * condition with a timeout, and take screenshots into {@code application/target/journeys/}. Driven from the test
 * thread (never the event thread); reads of Swing state happen on the event thread ({@link #onEdt}). Input goes
 * through Jemmy, which posts real mouse and key events to the components.
 */
final class Gui {

    static final Duration SHORT = Duration.ofSeconds(20);
    static final Duration LONG = Duration.ofMinutes(4);

    private Gui() {}

    /** Quiet Jemmy (it logs every event to stdout) and give it timeouts for a loaded 2-core machine. */
    static void init() {
        JemmyProperties.setCurrentOutput(TestOut.getNullOutput());
        for (String t : List.of(
                "ComponentOperator.WaitComponentTimeout",
                "DialogWaiter.WaitDialogTimeout",
                "FrameWaiter.WaitFrameTimeout",
                "WindowWaiter.WaitWindowTimeout",
                "JMenuOperator.WaitPopupTimeout",
                "JMenuItemOperator.PushMenuTimeout",
                "ComponentOperator.WaitStateTimeout",
                "ComponentOperator.WaitComponentEnabledTimeout",
                "JComboBoxOperator.WaitListTimeout",
                "JTreeOperator.WaitNodeExpandedTimeout",
                "JTreeOperator.WaitNextNodeTimeout",
                "JTreeOperator.WaitVisibleTimeout",
                "JTreeOperator.WaitNodeVisibleTimeout",
                "QueueTool.WaitQueueEmptyTimeout")) {
            JemmyProperties.setCurrentTimeout(t, SHORT.toMillis());
        }
    }

    // ---- the event thread
    // --------------------------------------------------------------------------------------------

    /** Runs {@code c} on the event thread and returns its result (exceptions are rethrown here). */
    static <T> T onEdt(Callable<T> c) {
        if (SwingUtilities.isEventDispatchThread()) {
            try {
                return c.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try {
            SwingUtilities.invokeAndWait(() -> {
                try {
                    result.set(c.call());
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            failure.set(e.getCause());
        }
        if (failure.get() instanceof RuntimeException r) {
            throw r;
        }
        if (failure.get() instanceof Error e) {
            throw e;
        }
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
        return result.get();
    }

    // ---- waiting
    // -----------------------------------------------------------------------------------------------------

    /** Polls {@code condition} (every 100 ms) until it holds; fails naming {@code what} after {@code timeout}. */
    static void waitFor(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
                last = null;
            } catch (RuntimeException e) {
                last = e; // e.g. a component not there yet: try again until the deadline
            }
            if (System.nanoTime() > deadline) {
                AssertionFailedError e = new AssertionFailedError("waited " + timeout.toSeconds() + " s for: " + what
                        + (last == null ? "" : " (last attempt: " + last + ")"));
                if (last != null) {
                    e.initCause(last);
                }
                throw e;
            }
            sleep(100);
        }
    }

    /** Waits until {@code supplier} gives a present value and returns it. */
    static <T> T waitFor(String what, Duration timeout, Callable<Optional<T>> supplier) {
        AtomicReference<T> found = new AtomicReference<>();
        waitFor(what, timeout, () -> {
            try {
                Optional<T> v = supplier.call();
                v.ifPresent(found::set);
                return v.isPresent();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return found.get();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- windows
    // -----------------------------------------------------------------------------------------------------

    static Frame mainWindow() {
        return onEdt(() -> WindowManager.getDefault().getMainWindow());
    }

    /** Waits for the main window to be showing and the window system to have opened its windows. */
    static void waitForMainWindow() {
        java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
        WindowManager.getDefault().invokeWhenUIReady(ready::countDown);
        waitFor("the window system to be ready", LONG, () -> ready.getCount() == 0);
        waitFor("the main window to show", LONG, () -> onEdt(() -> mainWindow().isShowing()));
    }

    /** The opened TopComponents (windows docked in the main window or floating). */
    static List<TopComponent> openedTopComponents() {
        return onEdt(() -> new ArrayList<>(TopComponent.getRegistry().getOpened()));
    }

    /** True if the window is {@code key}: its class (simple or qualified name), its name or display name, exactly or as a prefix. */
    static boolean matches(TopComponent tc, String key) {
        Class<?> c = tc.getClass();
        String name = tc.getName();
        String display = tc.getDisplayName();
        return c.getSimpleName().equals(key)
                || c.getName().equals(key)
                || (name != null && name.startsWith(key))
                || (display != null && display.startsWith(key));
    }

    static Optional<TopComponent> findTopComponent(String key) {
        return openedTopComponents().stream().filter(tc -> matches(tc, key)).findFirst();
    }

    /** Waits for an opened window matching {@code key} (see {@link #matches}). */
    static TopComponent topComponent(String key, Duration timeout) {
        return waitFor("an open window '" + key + "'; open: " + describeOpened(), timeout, () -> findTopComponent(key));
    }

    static List<TopComponent> topComponents(String key) {
        return openedTopComponents().stream().filter(tc -> matches(tc, key)).toList();
    }

    /** Class and title of every open window, for failure messages. */
    static String describeOpened() {
        return onEdt(() -> TopComponent.getRegistry().getOpened().stream()
                .map(tc -> tc.getClass().getSimpleName() + " \"" + title(tc) + "\"")
                .toList()
                .toString());
    }

    /** A window's title as its tab shows it: the display name, else the name. */
    static String title(TopComponent tc) {
        return onEdt(() -> tc.getDisplayName() != null ? tc.getDisplayName() : tc.getName());
    }

    /** Brings a window to the front of its mode (what clicking its tab does). */
    static void activate(TopComponent tc) {
        onEdt(() -> {
            tc.requestActive();
            return null;
        });
        waitFor(title(tc) + " to show", SHORT, () -> onEdt(tc::isShowing));
    }

    // ---- components
    // --------------------------------------------------------------------------------------------------

    /** Every component of {@code type} under {@code root} (depth first, in layout order) that {@code test} accepts. */
    static <T extends Component> List<T> findAll(Container root, Class<T> type, Predicate<? super T> test) {
        return onEdt(() -> {
            List<T> out = new ArrayList<>();
            collect(root, type, test, out);
            return out;
        });
    }

    private static <T extends Component> void collect(
            Component c, Class<T> type, Predicate<? super T> test, List<T> out) {
        if (type.isInstance(c) && test.test(type.cast(c))) {
            out.add(type.cast(c));
        }
        if (c instanceof Container container) {
            for (Component child : container.getComponents()) {
                collect(child, type, test, out);
            }
        }
    }

    /** Waits for a showing component of {@code type} under {@code root} that {@code test} accepts. */
    static <T extends Component> T find(
            Container root, Class<T> type, Predicate<? super T> test, String what, Duration timeout) {
        return waitFor(what, timeout, () -> findAll(root, type, c -> c.isShowing() && test.test(c)).stream()
                .findFirst());
    }

    /** A component by its {@code getName()}. */
    static Component byName(Container root, String name, Duration timeout) {
        return find(root, Component.class, c -> name.equals(c.getName()), "a component named '" + name + "'", timeout);
    }

    /** Components whose class has this simple name (for classes the journeys do not compile against). */
    static Component byClassName(Container root, String simpleName, Duration timeout) {
        return find(
                root,
                Component.class,
                c -> c.getClass().getSimpleName().equals(simpleName),
                "a " + simpleName,
                timeout);
    }

    /** A showing button whose text is {@code text} or starts with it ("Convert to NIfTI" finds "Convert to NIfTI…"). */
    static AbstractButton button(Container root, String text, Duration timeout) {
        return find(
                root,
                AbstractButton.class,
                b -> b.getText() != null && b.getText().startsWith(text),
                "a button '" + text + "'",
                timeout);
    }

    /** A showing label whose text matches {@code regex}. */
    static Optional<JLabel> label(Container root, java.util.regex.Pattern regex) {
        return findAll(
                        root,
                        JLabel.class,
                        l -> l.isShowing()
                                && l.getText() != null
                                && regex.matcher(l.getText()).matches())
                .stream()
                .findFirst();
    }

    static String text(Component c) {
        return onEdt(() -> c instanceof AbstractButton b
                ? b.getText()
                : c instanceof JLabel l
                        ? l.getText()
                        : c instanceof JTextComponent t ? t.getText() : String.valueOf(c));
    }

    // ---- input
    // -------------------------------------------------------------------------------------------------------

    /** Presses a button with the mouse, once it is enabled. */
    static void click(AbstractButton b) {
        waitFor("'" + text(b) + "' to be enabled", SHORT, () -> onEdt(b::isEnabled));
        new AbstractButtonOperator(b).push();
    }

    /** Clicks the middle of a component. */
    static void click(Component c) {
        new ComponentOperator(c).clickMouse();
    }

    /** Clicks a point of a component (its own coordinates). */
    static void clickAt(Component c, Point p, int clicks) {
        new ComponentOperator(c).clickMouse(p.x, p.y, clicks);
    }

    /** Replaces the text of a text field by typing. */
    static void type(JTextComponent field, String text) {
        JTextComponentOperator op = new JTextComponentOperator(field);
        op.clearText();
        op.typeText(text);
    }

    /** Types a key into whatever has the keyboard focus. */
    static void pushKey(Component c, int keyCode) {
        new ComponentOperator(c).pushKey(keyCode);
    }

    static Optional<Component> focusOwner() {
        return Optional.ofNullable(onEdt(
                () -> KeyboardFocusManager.getCurrentKeyboardFocusManager().getFocusOwner()));
    }

    /** Chooses a menu item of the main window's menu bar by path ("File|Open Pipeline"), without waiting for what it opens. */
    static void menu(String path) {
        JMenuBarOperator bar = new JMenuBarOperator(new JFrameOperator((javax.swing.JFrame) mainWindow()));
        bar.pushMenuNoBlock(path, "|");
    }

    // ---- dialogs and choosers
    // ----------------------------------------------------------------------------------------

    /** Every showing dialog. */
    static List<Dialog> dialogs() {
        return onEdt(() -> {
            List<Dialog> out = new ArrayList<>();
            for (Window w : Window.getWindows()) {
                if (w instanceof Dialog d && d.isShowing()) {
                    out.add(d);
                }
            }
            return out;
        });
    }

    static Optional<Dialog> modalDialog() {
        return dialogs().stream().filter(d -> onEdt(d::isModal)).findFirst();
    }

    /** Waits for a showing dialog whose title starts with {@code title}. */
    static Dialog dialog(String title, Duration timeout) {
        return waitFor("a dialog '" + title + "'; showing: " + dialogTitles(), timeout, () -> dialogs().stream()
                .filter(d -> d.getTitle() != null && d.getTitle().startsWith(title))
                .findFirst());
    }

    static List<String> dialogTitles() {
        return dialogs().stream().map(Dialog::getTitle).toList();
    }

    /** Presses the first of {@code texts} that the dialog has as a button; returns its text. */
    static Optional<String> press(Dialog d, List<String> texts) {
        for (String t : texts) {
            List<AbstractButton> bs = findAll(d, AbstractButton.class, b -> b.isShowing() && t.equals(b.getText()));
            if (!bs.isEmpty()) {
                click(bs.get(0));
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * In the file chooser dialog titled {@code title}: types {@code file} (absolute) into the file name field and presses
     * the approve button, as a user who pastes a path does.
     */
    static void chooseFile(String title, Path file) {
        Dialog d = dialog(title, SHORT);
        JFileChooser chooser = find(d, JFileChooser.class, c -> true, "a file chooser in '" + title + "'", SHORT);
        JTextComponent name =
                find(chooser, JTextComponent.class, JTextComponent::isEditable, "the file name field", SHORT);
        type(name, file.toAbsolutePath().toString());
        String approve = onEdt(() -> chooser.getApproveButtonText() != null
                ? chooser.getApproveButtonText()
                : chooser.getUI().getApproveButtonText(chooser));
        click(find(
                chooser,
                AbstractButton.class,
                b -> approve.equals(b.getText()),
                "the '" + approve + "' button",
                SHORT));
        waitFor("the chooser '" + title + "' to close", SHORT, () -> !onEdt(d::isShowing));
    }

    // ---- screenshots
    // -------------------------------------------------------------------------------------------------

    /** {@code application/target/journeys}. */
    static Path journeysDir() {
        return JourneyFiles.journeysDir();
    }

    /** The whole screen as {@code target/journeys/NAME.png}; returns the file (or null if the screen cannot be read). */
    static Path screenshot(String name) {
        if (GraphicsEnvironment.isHeadless()) {
            return null;
        }
        try {
            Rectangle screen =
                    new Rectangle(java.awt.Toolkit.getDefaultToolkit().getScreenSize());
            sleep(300); // let the last repaint land
            BufferedImage img = new Robot().createScreenCapture(screen);
            Path file = journeysDir().resolve(name + ".png");
            ImageIO.write(img, "png", file.toFile());
            return file;
        } catch (Exception e) {
            System.err.println("screenshot " + name + " failed: " + e);
            return null;
        }
    }

    /** The component tree of every showing window as text (written beside a failure's screenshot). */
    static String dumpWindows() {
        return onEdt(() -> {
            StringWriter s = new StringWriter();
            PrintWriter out = new PrintWriter(s);
            for (Window w : Window.getWindows()) {
                if (w.isShowing()) {
                    dump(w, 0, out);
                }
            }
            out.flush();
            return s.toString();
        });
    }

    private static void dump(Component c, int depth, PrintWriter out) {
        if (!c.isShowing()) {
            return;
        }
        String text = c instanceof AbstractButton b
                ? b.getText()
                : c instanceof JLabel l
                        ? l.getText()
                        : c instanceof Frame f
                                ? f.getTitle()
                                : c instanceof Dialog d
                                        ? d.getTitle()
                                        : c instanceof TopComponent tc ? tc.getDisplayName() : null;
        out.println("  ".repeat(depth) + c.getClass().getName() + (c.getName() != null ? " name=" + c.getName() : "")
                + (text != null ? " \"" + text + "\"" : "") + " " + c.getWidth() + "x" + c.getHeight());
        if (c instanceof Container container) {
            for (Component child : container.getComponents()) {
                dump(child, depth + 1, out);
            }
        }
    }

    // ---- leaving a journey
    // -------------------------------------------------------------------------------------------

    /**
     * Closes every window matching {@code key}, answering a save question with a discard button (and any other modal
     * question with Cancel), so the platform can shut down afterwards without a dialog waiting for a user.
     */
    static void closeDiscarding(String key) {
        for (TopComponent tc : topComponents(key)) {
            SwingUtilities.invokeLater(tc::close);
        }
        waitFor("every '" + key + "' window to close", LONG, () -> {
            Optional<Dialog> d = modalDialog();
            if (d.isPresent()) {
                if (press(d.get(), JourneyNames.DISCARD_BUTTONS).isEmpty()) {
                    press(d.get(), JourneyNames.CANCEL_BUTTONS);
                }
                return false;
            }
            return topComponents(key).isEmpty();
        });
    }
}
