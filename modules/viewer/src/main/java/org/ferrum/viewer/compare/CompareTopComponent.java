package org.ferrum.viewer.compare;

import java.awt.BorderLayout;
import java.util.List;
import org.openide.windows.TopComponent;

/** The window of the comparison workspace: hosts one {@link ComparePanel}. Open it through {@link CompareMaps}. */
@TopComponent.Description(preferredID = "CompareTopComponent", persistenceType = TopComponent.PERSISTENCE_NEVER)
public final class CompareTopComponent extends TopComponent {

    private final ComparePanel panel;

    CompareTopComponent(String title, MapCatalogue catalogue, List<MapCatalogue.Entry> picked, CompareLayout layout) {
        setLayout(new BorderLayout());
        setName(title);
        setToolTipText(title + " — linked maps, agreement statistics");
        panel = new ComparePanel(catalogue, picked, layout);
        add(panel, BorderLayout.CENTER);
    }

    public ComparePanel panel() {
        return panel;
    }

    @Override
    protected void componentClosed() {
        panel.tiles().forEach(t -> t.view().detach());
        super.componentClosed();
    }
}
