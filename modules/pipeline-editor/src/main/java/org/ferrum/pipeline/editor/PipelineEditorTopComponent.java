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
package org.ferrum.pipeline.editor;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.Rectangle;
import java.awt.Toolkit;
import java.awt.datatransfer.Clipboard;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.StringSelection;
import java.awt.event.ActionEvent;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JToolBar;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.Pipeline;
import org.ferrum.pipeline.PipelineFormat;
import org.ferrum.pipeline.Problem;
import org.netbeans.api.visual.widget.Widget;
import org.netbeans.spi.actions.AbstractSavable;
import org.openide.DialogDisplayer;
import org.openide.NotifyDescriptor;
import org.openide.awt.StatusDisplayer;
import org.openide.awt.UndoRedo;
import org.openide.cookies.SaveCookie;
import org.openide.util.Lookup;
import org.openide.util.lookup.AbstractLookup;
import org.openide.util.lookup.InstanceContent;
import org.openide.util.lookup.Lookups;
import org.openide.util.lookup.ProxyLookup;
import org.openide.windows.Mode;
import org.openide.windows.TopComponent;
import org.openide.windows.WindowManager;

/**
 * The editor window of one pipeline file: toolbar, operator palette (left), the graph (centre), the selected node's
 * parameters and a bird's-eye view of the whole graph (right), a status line (bottom). Title: the file name, with "*"
 * while it differs from the file. Undo/redo through the platform's Edit menu ({@link #getUndoRedo()}); Save through
 * File ▸ Save (a {@link SaveCookie} in the window's lookup while modified), the toolbar or Ctrl+S; closing a modified
 * pipeline asks whether to save.
 */
public final class PipelineEditorTopComponent extends TopComponent {

    private static final int PASTE_OFFSET = 30;

    private final PipelineDocument document;
    private final PipelineScene scene;
    private final UndoRedo.Manager undoRedo = new UndoRedo.Manager();
    private final InstanceContent content = new InstanceContent();
    private final PipelineSavable savable = new PipelineSavable();
    private final JLabel status = new JLabel(" ");
    private final EditorParts parts;
    private final JComponent view;
    private final SidePanels sides;
    private boolean saveInLookup;

    /** An editor on a document; use {@link #open(Path)} or {@link #openNew()} in the application. */
    public PipelineEditorTopComponent(PipelineDocument document) {
        this.document = document;
        this.scene = new PipelineScene(document);
        // the window's lookup: the Savable while modified (File ▸ Save, the exit dialog) and the ActionMap (Edit ▸
        // Delete / Copy / Cut / Paste and the registered callback actions find their performers there)
        associateLookup(new ProxyLookup(new AbstractLookup(content), Lookups.singleton(getActionMap())));
        document.addUndoableEditListener(undoRedo);
        scene.setStatusSink(this::say);
        setLayout(new BorderLayout());

        view = scene.createView();
        view.setName("pipelineCanvas");
        view.setFocusable(true);
        view.addMouseListener(new java.awt.event.MouseAdapter() {
            @Override
            public void mousePressed(java.awt.event.MouseEvent e) {
                view.requestFocusInWindow(); // so the window is activated and its keys and Edit menu apply
            }
        });
        JScrollPane graph = new JScrollPane(view);
        graph.setName("pipelineCanvasScroll");
        graph.getVerticalScrollBar().setUnitIncrement(16);
        graph.getHorizontalScrollBar().setUnitIncrement(16);

        parts = EditorParts.create(this, document, scene);
        parts.palette().setName("operatorPalette");
        parts.properties().setName("parameterSheet");
        parts.properties().setBorder(BorderFactory.createTitledBorder("Parameters of the selected node"));
        JComponent satellite = scene.createSatelliteView();
        satellite.setName("graphOverview");
        satellite.setPreferredSize(new Dimension(260, 180));
        satellite.setBorder(BorderFactory.createTitledBorder("Overview"));
        JSplitPane rightSplit = new JSplitPane(JSplitPane.VERTICAL_SPLIT, parts.properties(), satellite);
        rightSplit.setResizeWeight(0.7);
        rightSplit.setBorder(null);
        sides = new SidePanels(parts.palette(), graph, rightSplit);
        add(toolbar(), BorderLayout.NORTH);
        add(sides.root(), BorderLayout.CENTER);
        status.setName("pipelineStatus");
        status.setBorder(BorderFactory.createEmptyBorder(2, 6, 2, 6));
        add(status, BorderLayout.SOUTH);
        scene.setOutputPinClickHandler(pin -> say(parts.showResult(pin)));
        installKeys();

        document.addChangeListener(e -> documentChanged());
        documentChanged();
    }

    public PipelineDocument document() {
        return document;
    }

    public PipelineScene scene() {
        return scene;
    }

    @Override
    public UndoRedo getUndoRedo() {
        return undoRedo;
    }

    @Override
    public int getPersistenceType() {
        return PERSISTENCE_NEVER;
    }

    @Override
    protected String preferredID() {
        return "PipelineEditor";
    }

    // ---- opening ---------------------------------------------------------------------------------------------------

    /** Opens a pipeline file in an editor (the existing one if that file is open already); errors go to a dialog. */
    public static void open(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        for (TopComponent tc : TopComponent.getRegistry().getOpened()) {
            if (tc instanceof PipelineEditorTopComponent e
                    && e.document.file().map(abs::equals).orElse(false)) {
                e.requestActive();
                return;
            }
        }
        Pipeline p;
        try {
            p = PipelineFormat.read(abs);
        } catch (IOException e) {
            DialogDisplayer.getDefault()
                    .notify(new NotifyDescriptor.Message(
                            "Cannot open " + abs + ": " + e.getMessage(), NotifyDescriptor.ERROR_MESSAGE));
            return;
        }
        show(new PipelineEditorTopComponent(new PipelineDocument(p, OperatorRegistry.installed(), abs)));
    }

    /** Opens an editor on a new, empty pipeline. */
    public static void openNew() {
        show(new PipelineEditorTopComponent(PipelineDocument.empty(OperatorRegistry.installed())));
    }

    private static void show(PipelineEditorTopComponent tc) {
        Mode editor = WindowManager.getDefault().findMode("editor");
        if (editor != null) {
            editor.dockInto(tc);
        }
        tc.open();
        tc.requestActive();
        long errors = tc.document.problems().stream().filter(Problem::isError).count();
        if (errors > 0) {
            tc.say(errors + (errors == 1 ? " problem" : " problems") + " in this pipeline (shown on the nodes): "
                    + tc.document.problems().get(0).message());
        }
    }

    // ---- saving ----------------------------------------------------------------------------------------------------

    /** Writes the pipeline to its file (asking for one if it has none). */
    public void save() throws IOException {
        Path target = document.file().orElse(null);
        if (target == null) {
            target = askForFile();
            if (target == null) {
                return;
            }
        }
        writeTo(target);
    }

    /** Writes the pipeline to a file the user chooses. */
    public void saveAs() throws IOException {
        Path target = askForFile();
        if (target != null) {
            writeTo(target);
        }
    }

    /** Writes atomically (temporary file, then move), so a failed save never leaves a half-written pipeline. */
    void writeTo(Path target) throws IOException {
        Path abs = PipelineFiles.write(document.pipeline(), target);
        document.markSaved(abs);
        say("saved " + abs);
    }

    private Path askForFile() {
        javax.swing.JFileChooser chooser = PipelineFiles.chooser("Save pipeline");
        if (chooser.showSaveDialog(WindowManager.getDefault().getMainWindow())
                != javax.swing.JFileChooser.APPROVE_OPTION) {
            return null;
        }
        Path p = chooser.getSelectedFile().toPath();
        PipelineFiles.remember(p);
        return p.getFileName().toString().endsWith(".json") ? p : p.resolveSibling(p.getFileName() + ".json");
    }

    /**
     * The pipeline's unsaved changes as a {@link org.netbeans.api.actions.Savable}: registered (in the global
     * {@code Savable.REGISTRY}, so the platform's exit dialog lists it with Save / Discard / Cancel, whichever way the
     * application is left) and in this window's lookup (File ▸ Save, Ctrl+S) exactly while the document is modified.
     */
    final class PipelineSavable extends AbstractSavable implements SaveCookie {
        @Override
        protected String findDisplayName() {
            return title()
                    + document.file().map(f -> " (" + f.getParent() + ")").orElse(" (not saved yet)");
        }

        @Override
        protected void handleSave() throws IOException {
            PipelineEditorTopComponent.this.save();
            if (document.isModified()) {
                throw new IOException("the pipeline " + title() + " was not saved (no file was chosen)");
            }
        }

        void track(boolean modified) {
            if (modified) {
                register();
            } else {
                unregister();
            }
        }

        PipelineEditorTopComponent editor() {
            return PipelineEditorTopComponent.this;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PipelineSavable other && other.editor() == editor();
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(editor());
        }
    }

    /** The Savable of this editor (registered while modified). */
    PipelineSavable savable() {
        return savable;
    }

    @Override
    public boolean canClose() {
        if (!document.isModified()) {
            return true;
        }
        NotifyDescriptor d = new NotifyDescriptor.Confirmation(
                "Save changes to " + title() + "?", "Pipeline modified", NotifyDescriptor.YES_NO_CANCEL_OPTION);
        Object answer = DialogDisplayer.getDefault().notify(d);
        if (answer == NotifyDescriptor.YES_OPTION) {
            try {
                save();
            } catch (IOException e) {
                say("not saved: " + e.getMessage());
                return false;
            }
            return !document.isModified();
        }
        return answer == NotifyDescriptor.NO_OPTION;
    }

    @Override
    protected void componentOpened() {
        // a new canvas opens at 100 %, from the top left: the text as large as the look and feel's, scroll for the rest
        zoom(1.0);
    }

    @Override
    protected void componentActivated() {
        view.requestFocusInWindow();
    }

    @Override
    protected void componentClosed() {
        parts.closed();
        savable.track(false); // closed without saving (the user chose Discard): nothing left for the exit dialog
        content.remove(savable);
        saveInLookup = false;
    }

    // ---- state -----------------------------------------------------------------------------------------------------

    private String title() {
        return document.file()
                .map(f -> f.getFileName().toString())
                .orElse(document.pipeline().name());
    }

    private void documentChanged() {
        setDisplayName(title() + (document.isModified() ? " *" : ""));
        setToolTipText(document.file().map(Path::toString).orElse("not saved yet"));
        boolean modified = document.isModified();
        if (modified != saveInLookup) {
            if (modified) {
                content.add(savable);
            } else {
                content.remove(savable);
            }
            savable.track(modified);
            saveInLookup = modified;
        }
    }

    void say(String message) {
        status.setText(message);
        StatusDisplayer.getDefault().setStatusText(message);
    }

    /** The status line's text (for tests). */
    String statusText() {
        return status.getText();
    }

    // ---- toolbar and keys ------------------------------------------------------------------------------------------

    private JToolBar toolbar() {
        JToolBar bar = new JToolBar();
        bar.setFloatable(false);
        for (Action a : parts.runActions()) {
            JButton b = new JButton(a);
            b.setName("pipeline." + String.valueOf(a.getValue(Action.NAME)).replaceAll("[^A-Za-z0-9]+", ""));
            bar.add(b);
        }
        bar.addSeparator();
        bar.add(button(
                "Layout",
                scene::layoutGraph,
                "Arrange the graph left to right in layers, without overlaps (undoable)"));
        bar.add(button("Align left", () -> scene.alignSelection(true)));
        bar.add(button("Align top", () -> scene.alignSelection(false)));
        bar.addSeparator();
        bar.add(button("Zoom in", () -> zoom(scene.getZoomFactor() * 1.25)));
        bar.add(button("Zoom out", () -> zoom(scene.getZoomFactor() / 1.25)));
        bar.add(button("100 %", () -> zoom(1.0)));
        bar.add(button(
                "Fit", this::zoomToFit, "Zoom out until the graph fits, but never below readable text (then scroll)"));
        bar.addSeparator();
        bar.add(button("Save", () -> {
            try {
                save();
            } catch (IOException e) {
                say("not saved: " + e.getMessage());
            }
        }));
        bar.add(button("Save As…", () -> {
            try {
                saveAs();
            } catch (IOException e) {
                say("not saved: " + e.getMessage());
            }
        }));
        return bar;
    }

    private static JButton button(String text, Runnable r) {
        JButton b = new JButton(text);
        b.setName("pipeline." + text.replaceAll("[^A-Za-z0-9]+", ""));
        b.addActionListener(e -> r.run());
        return b;
    }

    private static JButton button(String text, Runnable r, String tooltip) {
        JButton b = button(text, r);
        b.setToolTipText(tooltip);
        return b;
    }

    void zoom(double factor) {
        scene.setZoomFactor(Math.max(0.1, Math.min(4, factor)));
        scene.validate();
    }

    /**
     * Zooms so the whole graph fits the visible part of the view, but never below {@link PipelineScene#minReadableZoom()}
     * (the text stays at least {@link PipelineScene#MIN_READABLE_TEXT_PX} px high; a larger graph is scrolled) nor above
     * 100 %.
     */
    public void zoomToFit() {
        Rectangle content = scene.contentBounds();
        if (view.getParent() == null) {
            return;
        }
        Dimension visible = view.getParent().getSize();
        zoom(fitZoom(content, visible, scene.minReadableZoom()));
    }

    /** The zoom "Fit" chooses for content bounds in a visible area: fits, clamped to [readable minimum, 1]. */
    static double fitZoom(Rectangle content, Dimension visible, double minReadable) {
        double f = Math.min(
                (visible.width - 20) / (double) Math.max(1, content.x + content.width),
                (visible.height - 20) / (double) Math.max(1, content.y + content.height));
        return Math.max(minReadable, Math.min(1.0, f));
    }

    /** ActionMap keys of this window's callback actions (besides the platform's delete / copy / cut / paste). */
    static final String SAVE_AS_KEY = "ferrum-pipeline-save-as";

    static final String SELECT_ALL_KEY = "ferrum-pipeline-select-all";
    static final String LAYOUT_KEY = "ferrum-pipeline-layout";

    /**
     * The NetBeans way: performers in the window's ActionMap under the keys of the platform's callback actions (Edit ▸
     * Delete "delete", Copy "copy-to-clipboard", Cut "cut-to-clipboard", Paste "paste-from-clipboard") and of this
     * module's registered actions (Save Pipeline As…, Select All Nodes, Layout); Undo/Redo through {@link #getUndoRedo()}.
     * Their shortcuts are in the layer's Shortcuts folder (so Tools ▸ Options ▸ Keymap lists them); the same keys are
     * also bound in this window's InputMap, so they work whichever part of the window has the focus (a text field in it
     * keeps its own copy and paste: the window's ActionMap asks the focused component first).
     */
    private void installKeys() {
        javax.swing.ActionMap map = getActionMap();
        map.put("delete", action("delete", scene::deleteSelection));
        map.put(javax.swing.text.DefaultEditorKit.copyAction, action("copy", this::copySelection));
        map.put(javax.swing.text.DefaultEditorKit.cutAction, action("cut", () -> {
            copySelection();
            scene.deleteSelection();
        }));
        map.put(javax.swing.text.DefaultEditorKit.pasteAction, action("paste", this::paste));
        map.put(SELECT_ALL_KEY, action("select all", () -> scene.setSelectedObjects(Set.copyOf(scene.getNodes()))));
        map.put(SAVE_AS_KEY, action("save as", () -> {
            try {
                saveAs();
            } catch (IOException e) {
                say("not saved: " + e.getMessage());
            }
        }));
        map.put(LAYOUT_KEY, action("layout", scene::layoutGraph));
        map.put("ferrum-pipeline-save", action("save", () -> {
            try {
                save();
            } catch (IOException e) {
                say("not saved: " + e.getMessage());
            }
        }));
        map.put("ferrum-pipeline-undo", action("undo", () -> {
            if (undoRedo.canUndo()) {
                undoRedo.undo();
            }
        }));
        map.put("ferrum-pipeline-redo", action("redo", () -> {
            if (undoRedo.canRedo()) {
                undoRedo.redo();
            }
        }));
        map.put("ferrum-pipeline-fit", action("fit", this::zoomToFit));

        int menu = Toolkit.getDefaultToolkit().getMenuShortcutKeyMaskEx();
        javax.swing.InputMap keys = getInputMap(JComponent.WHEN_ANCESTOR_OF_FOCUSED_COMPONENT);
        keys.put(KeyStroke.getKeyStroke(KeyEvent.VK_DELETE, 0), "delete");
        keys.put(KeyStroke.getKeyStroke(KeyEvent.VK_C, menu), javax.swing.text.DefaultEditorKit.copyAction);
        keys.put(KeyStroke.getKeyStroke(KeyEvent.VK_X, menu), javax.swing.text.DefaultEditorKit.cutAction);
        keys.put(KeyStroke.getKeyStroke(KeyEvent.VK_V, menu), javax.swing.text.DefaultEditorKit.pasteAction);
        keys.put(KeyStroke.getKeyStroke(KeyEvent.VK_A, menu), SELECT_ALL_KEY);
        keys.put(KeyStroke.getKeyStroke(KeyEvent.VK_S, menu), "ferrum-pipeline-save");
        keys.put(KeyStroke.getKeyStroke(KeyEvent.VK_S, menu | InputEvent.SHIFT_DOWN_MASK), SAVE_AS_KEY);
        keys.put(KeyStroke.getKeyStroke(KeyEvent.VK_Z, menu), "ferrum-pipeline-undo");
        keys.put(KeyStroke.getKeyStroke(KeyEvent.VK_Y, menu), "ferrum-pipeline-redo");
        keys.put(KeyStroke.getKeyStroke(KeyEvent.VK_Z, menu | InputEvent.SHIFT_DOWN_MASK), "ferrum-pipeline-redo");
        keys.put(KeyStroke.getKeyStroke(KeyEvent.VK_0, menu | InputEvent.SHIFT_DOWN_MASK), "ferrum-pipeline-fit");
        // on the canvas itself Backspace deletes too (it has no text to edit)
        view.getInputMap(JComponent.WHEN_FOCUSED).put(KeyStroke.getKeyStroke(KeyEvent.VK_BACK_SPACE, 0), "delete");
        view.getActionMap().put("delete", map.get("delete"));
    }

    private static Action action(String name, Runnable r) {
        return new AbstractAction(name) {
            @Override
            public void actionPerformed(ActionEvent e) {
                r.run();
            }
        };
    }

    /** Copies the selected nodes (and the edges between them) to the clipboard as pipeline-file text. */
    public void copySelection() {
        List<String> ids = scene.selectedNodes();
        if (ids.isEmpty()) {
            return;
        }
        clipboard().setContents(new StringSelection(document.copy(ids)), null);
        say("copied " + ids.size() + (ids.size() == 1 ? " node" : " nodes"));
    }

    /** Pastes nodes from the clipboard, offset from their copied place, and selects them. */
    public void paste() {
        try {
            Object text = clipboard().getData(DataFlavor.stringFlavor);
            List<String> ids = document.paste((String) text, PASTE_OFFSET, PASTE_OFFSET);
            scene.setSelectedObjects(Set.copyOf(ids));
            say("pasted " + ids.size() + (ids.size() == 1 ? " node" : " nodes"));
        } catch (IllegalArgumentException | java.awt.datatransfer.UnsupportedFlavorException | IOException e) {
            say("nothing to paste: " + e.getMessage());
        }
    }

    private static Clipboard clipboard() {
        Clipboard c = Lookup.getDefault().lookup(Clipboard.class);
        return c != null ? c : Toolkit.getDefaultToolkit().getSystemClipboard();
    }

    /** Called by {@link EditorParts} when the selection changes. */
    void selectionShown(org.openide.nodes.Node[] nodes) {
        setActivatedNodes(nodes);
    }

    /** A widget's scene bounds (tests). */
    Rectangle boundsOf(Object object) {
        Widget w = scene.findWidget(object);
        return w == null ? null : w.convertLocalToScene(w.getBounds());
    }

    /** Every open pipeline editor (for actions). */
    static List<PipelineEditorTopComponent> openEditors() {
        List<PipelineEditorTopComponent> list = new ArrayList<>();
        for (TopComponent tc : TopComponent.getRegistry().getOpened()) {
            if (tc instanceof PipelineEditorTopComponent e) {
                list.add(e);
            }
        }
        return list;
    }

    /** Runs {@code r} on the event thread and waits (for callers on other threads). */
    static void onEventThread(Runnable r) {
        if (SwingUtilities.isEventDispatchThread()) {
            r.run();
        } else {
            SwingUtilities.invokeLater(r);
        }
    }
}
