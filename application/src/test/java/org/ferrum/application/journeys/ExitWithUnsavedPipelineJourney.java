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

import java.awt.Dialog;
import java.util.Optional;
import javax.swing.JTree;
import javax.swing.tree.TreePath;
import org.netbeans.jemmy.operators.JTreeOperator;
import org.openide.windows.TopComponent;

/**
 * Journey 3 (issue 15): File ▸ New Pipeline, add a node from the palette (the pipeline is now modified), File ▸ Exit: a
 * question about the unsaved pipeline appears; Cancel keeps the application and the edit.
 *
 * <p>The platform's exit ends the JVM; here {@code netbeans.close.no.exit} keeps the test JVM alive, so an exit that does
 * not ask is seen as the windows closing without a question.
 */
public class ExitWithUnsavedPipelineJourney extends JourneyCase {

    public ExitWithUnsavedPipelineJourney(String name) {
        super(name);
    }

    public void testExitAsksAboutTheModifiedPipeline() throws Exception {
        Gui.menu(JourneyNames.MENU_NEW_PIPELINE);
        TopComponent editor = Gui.topComponent(JourneyNames.EDITOR_WINDOW, Gui.SHORT);
        addFirstOperatorFromThePalette(editor);
        Gui.waitFor(
                "the new pipeline to be marked modified (title: " + editor.getDisplayName() + ")",
                Gui.SHORT,
                () -> Gui.onEdt(editor::getDisplayName).endsWith("*"));
        String title = Gui.onEdt(editor::getDisplayName);
        endState("1-modified");

        System.setProperty("netbeans.close.no.exit", "true");
        try {
            Gui.menu(JourneyNames.MENU_EXIT);
            Dialog question;
            try {
                question = Gui.waitFor(
                        "a question about the unsaved pipeline '" + title + "' after File ▸ Exit",
                        Gui.SHORT,
                        () -> Gui.modalDialog());
            } catch (AssertionError noQuestion) {
                endState("2-exit-without-question");
                throw new AssertionError(
                        "File ▸ Exit did not ask about the modified pipeline '" + title + "' (open windows now: "
                                + Gui.describeOpened() + ")",
                        noQuestion);
            }
            endState("2-exit-question");
            String text = Gui.dumpWindows();
            assertTrue(
                    "the question names the pipeline '" + title + "':\n" + text,
                    text.contains(title.replace(" *", "").strip()));
            Optional<String> pressed = Gui.press(question, JourneyNames.CANCEL_BUTTONS);
            assertTrue("the exit question has no " + JourneyNames.CANCEL_BUTTONS + " button", pressed.isPresent());
            Gui.waitFor("the question to close", Gui.SHORT, () -> !Gui.onEdt(question::isShowing));
            Gui.sleep(1000);
            assertTrue("the application closed after Cancel", Gui.onEdt(() -> Gui.mainWindow()
                    .isShowing()));
            assertTrue("the editor closed after Cancel: " + Gui.describeOpened(), Gui.onEdt(editor::isOpened));
            assertTrue(
                    "the edit is kept: " + editor.getDisplayName(),
                    Gui.onEdt(editor::getDisplayName).endsWith("*"));
            endState("3-cancelled");
        } finally {
            System.getProperties().remove("netbeans.close.no.exit");
        }
        Gui.closeDiscarding(JourneyNames.EDITOR_WINDOW);
    }

    /** Double-clicks the palette's first operator (a leaf of its tree), which adds it to the pipeline. */
    static void addFirstOperatorFromThePalette(TopComponent editor) {
        java.awt.Component palette = Gui.byClassName(editor, JourneyNames.PALETTE_CLASS, Gui.SHORT);
        JTree tree = Gui.find((java.awt.Container) palette, JTree.class, t -> true, "the palette's tree", Gui.SHORT);
        JTreeOperator op = new JTreeOperator(tree);
        int row = Gui.waitFor(
                "an operator in the palette",
                Gui.SHORT,
                () -> Optional.ofNullable(Gui.onEdt(() -> {
                    for (int r = 0; r < tree.getRowCount(); r++) {
                        TreePath p = tree.getPathForRow(r);
                        if (tree.getModel().isLeaf(p.getLastPathComponent())) {
                            return r;
                        }
                        if (!tree.isExpanded(r)) {
                            tree.expandRow(r);
                        }
                    }
                    return null;
                })));
        op.selectRow(row);
        java.awt.Rectangle cell = Gui.onEdt(() -> tree.getRowBounds(row));
        Gui.clickAt(tree, new java.awt.Point(cell.x + Math.min(20, cell.width / 2), cell.y + cell.height / 2), 2);
    }
}
