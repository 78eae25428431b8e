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
