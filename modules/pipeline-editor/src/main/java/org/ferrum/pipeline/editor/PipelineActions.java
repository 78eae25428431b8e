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

import java.awt.event.ActionListener;
import javax.swing.JFileChooser;
import org.openide.awt.ActionID;
import org.openide.awt.ActionReference;
import org.openide.awt.ActionReferences;
import org.openide.awt.ActionRegistration;
import org.openide.awt.StatusDisplayer;
import org.openide.windows.WindowManager;

/**
 * The editor's actions in the platform's menus and keymap (Tools ▸ Options ▸ Keymap lists them with their shortcuts):
 * File ▸ New Pipeline (Ctrl+N), Open Pipeline… (Ctrl+O), Save Pipeline As… (Ctrl+Shift+S), Edit ▸ Select All Nodes
 * (Ctrl+A) and Layout Pipeline. The last three are callback actions: their performers are in the active editor
 * window's ActionMap ({@link PipelineEditorTopComponent}), and elsewhere they say there is no pipeline to act on
 * ({@link #withoutEditor}). The platform's Save (Ctrl+S), Undo (Ctrl+Z), Redo (Ctrl+Y), Cut, Copy, Paste and Delete get
 * their shortcuts in this module's layer (a bare platform defines none).
 *
 * <p>Each action is one registered factory method (the platform creates the listener when the action is first used);
 * the ids, and so the layer entries and keymaps that refer to them, are those of the former one-class-per-action form.
 */
public final class PipelineActions {

    private PipelineActions() {}

    /** What a callback action does where no editor window is active: says so on the status line, naming the action. */
    static ActionListener withoutEditor(String name) {
        return e -> StatusDisplayer.getDefault().setStatusText(name + ": no pipeline editor is active");
    }

    /** File ▸ New Pipeline. */
    @ActionID(category = "File", id = "org.ferrum.pipeline.editor.NewPipeline")
    @ActionRegistration(displayName = "New Pipeline")
    @ActionReferences({
        @ActionReference(path = "Menu/File", position = 10),
        @ActionReference(path = "Shortcuts", name = "D-N")
    })
    public static ActionListener newPipeline() {
        return e -> PipelineEditorTopComponent.openNew();
    }

    /** File ▸ Open Pipeline…. */
    @ActionID(category = "File", id = "org.ferrum.pipeline.editor.OpenPipeline")
    @ActionRegistration(displayName = "Open Pipeline…")
    @ActionReferences({
        @ActionReference(path = "Menu/File", position = 20),
        @ActionReference(path = "Shortcuts", name = "D-O")
    })
    public static ActionListener openPipeline() {
        return e -> {
            JFileChooser chooser = PipelineFiles.chooser("Open pipeline");
            if (chooser.showOpenDialog(WindowManager.getDefault().getMainWindow()) == JFileChooser.APPROVE_OPTION) {
                PipelineFiles.remember(chooser.getSelectedFile().toPath());
                PipelineEditorTopComponent.open(chooser.getSelectedFile().toPath());
            }
        };
    }

    /** File ▸ Save Pipeline As… (callback: the active editor's ActionMap). */
    @ActionID(category = "File", id = "org.ferrum.pipeline.editor.SavePipelineAs")
    @ActionRegistration(displayName = "Save Pipeline As…", key = PipelineEditorTopComponent.SAVE_AS_KEY)
    @ActionReferences({
        @ActionReference(path = "Menu/File", position = 1150),
        @ActionReference(path = "Shortcuts", name = "DS-S")
    })
    public static ActionListener savePipelineAs() {
        return withoutEditor("Save Pipeline As");
    }

    /** Edit ▸ Select All Nodes (callback). */
    @ActionID(category = "Edit", id = "org.ferrum.pipeline.editor.SelectAllNodes")
    @ActionRegistration(displayName = "Select All Nodes", key = PipelineEditorTopComponent.SELECT_ALL_KEY)
    @ActionReferences({
        @ActionReference(path = "Menu/Edit", position = 1450),
        @ActionReference(path = "Shortcuts", name = "D-A")
    })
    public static ActionListener selectAllNodes() {
        return withoutEditor("Select All Nodes");
    }

    /** Edit ▸ Layout Pipeline (callback): the automatic left-to-right layout of the active editor's graph. */
    @ActionID(category = "Edit", id = "org.ferrum.pipeline.editor.LayoutPipeline")
    @ActionRegistration(displayName = "Layout Pipeline", key = PipelineEditorTopComponent.LAYOUT_KEY)
    @ActionReferences({
        @ActionReference(path = "Menu/Edit", position = 1460),
        @ActionReference(path = "Shortcuts", name = "DS-L")
    })
    public static ActionListener layoutPipeline() {
        return withoutEditor("Layout Pipeline");
    }
}
