package org.ferrum.pipeline.editor;

import java.util.List;
import java.util.Set;
import javax.swing.Action;
import javax.swing.JComponent;
import javax.swing.JLabel;
import org.netbeans.api.visual.model.ObjectSceneEvent;
import org.netbeans.api.visual.model.ObjectSceneEventType;
import org.netbeans.api.visual.model.ObjectSceneListener;
import org.netbeans.api.visual.model.ObjectState;
import org.openide.explorer.propertysheet.PropertySheet;

/**
 * The parts of an editor window around the graph: the operator palette, the parameter sheet of the selected node and
 * the run actions, wired to one document and scene. Kept apart from the window so each part is built and tested on its
 * own.
 */
final class EditorParts {

    private final JComponent palette;
    private final PropertySheet properties = new PropertySheet();
    private final List<Action> runActions;

    private EditorParts(JComponent palette, List<Action> runActions) {
        this.palette = palette;
        this.runActions = runActions;
    }

    static EditorParts create(PipelineEditorTopComponent window, PipelineDocument document, PipelineScene scene) {
        EditorParts parts = new EditorParts(new JLabel("palette"), List.of());
        scene.addObjectSceneListener(new SelectionListener(parts, window, scene), ObjectSceneEventType.OBJECT_SELECTION_CHANGED);
        return parts;
    }

    JComponent palette() {
        return palette;
    }

    JComponent properties() {
        return properties;
    }

    List<Action> runActions() {
        return runActions;
    }

    void closed() {
    }

    private void selectionChanged(PipelineEditorTopComponent window, PipelineScene scene) {
        org.openide.nodes.Node[] nodes = new org.openide.nodes.Node[0];
        properties.setNodes(nodes);
        window.selectionShown(nodes);
    }

    private record SelectionListener(EditorParts parts, PipelineEditorTopComponent window, PipelineScene scene)
            implements ObjectSceneListener {
        @Override
        public void selectionChanged(ObjectSceneEvent event, Set<Object> previous, Set<Object> now) {
            parts.selectionChanged(window, scene);
        }

        @Override
        public void objectAdded(ObjectSceneEvent event, Object added) {
        }

        @Override
        public void objectRemoved(ObjectSceneEvent event, Object removed) {
        }

        @Override
        public void objectStateChanged(ObjectSceneEvent event, Object object, ObjectState previous, ObjectState now) {
        }

        @Override
        public void highlightingChanged(ObjectSceneEvent event, Set<Object> previous, Set<Object> now) {
        }

        @Override
        public void hoverChanged(ObjectSceneEvent event, Object previous, Object now) {
        }

        @Override
        public void focusChanged(ObjectSceneEvent event, Object previous, Object now) {
        }
    }
}
