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
package org.ferrum.viewer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.pipeline.view.OutputSource;
import org.ferrum.pipeline.view.OutputViewer;
import org.openide.util.lookup.ServiceProvider;

/**
 * The pipeline editor's "Show outputs" for volumes: a node's volume outputs open linked side by side in a viewer window
 * (one volume: three orthogonal planes). Other outputs (tables, scalars) are left to other viewers.
 */
@ServiceProvider(service = OutputViewer.class)
public final class PipelineOutputViewer implements OutputViewer {

    @Override
    public boolean show(String title, Map<String, Object> outputs) {
        List<NamedVolume> maps = volumes(outputs);
        if (maps.isEmpty()) {
            return false;
        }
        org.ferrum.viewer.compare.CompareMaps.offerRunOutputs(title, outputs); // the outputs become comparable maps
        ViewerTopComponent.open(title, maps);
        return true;
    }

    /**
     * Shows the node's volumes in the viewer window that already shows this pipeline's node, refreshed in place if the
     * node has been run again since, or in a new window.
     */
    @Override
    public boolean show(OutputSource source, Map<String, Object> outputs) {
        List<NamedVolume> maps = volumes(outputs);
        if (maps.isEmpty()) {
            return false;
        }
        offerToComparison(source, outputs);
        ViewerTopComponent.show(source, maps);
        return true;
    }

    @Override
    public boolean refreshIfShowing(OutputSource source, Map<String, Object> outputs) {
        List<NamedVolume> maps = volumes(outputs);
        if (maps.isEmpty() || !ViewerTopComponent.refreshIfShowing(source, maps)) {
            return false;
        }
        offerToComparison(source, outputs);
        return true;
    }

    /** The node's volumes become comparable maps named "node.port" (a re-run replaces them). */
    private static void offerToComparison(OutputSource source, Map<String, Object> outputs) {
        org.ferrum.viewer.compare.CompareMaps.offerRunOutputs(
                source.nodeId() + " (" + source.operatorId() + ")", outputs);
    }

    @SuppressWarnings("unchecked")
    static List<NamedVolume> volumes(Map<String, Object> outputs) {
        List<NamedVolume> maps = new ArrayList<>();
        outputs.forEach((port, value) -> {
            if (value instanceof Volume<?> v && v.image().firstElement() instanceof FloatType) {
                maps.add(new NamedVolume(port, (Volume<FloatType>) v));
            }
        });
        return maps;
    }
}
