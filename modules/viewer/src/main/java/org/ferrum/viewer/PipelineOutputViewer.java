package org.ferrum.viewer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.pipeline.editor.OutputViewer;
import org.openide.util.lookup.ServiceProvider;

/**
 * The pipeline editor's "Show outputs" for volumes: a node's volume outputs open linked side by side in a viewer window
 * (one volume: three orthogonal planes). Other outputs (tables, scalars) are left to other viewers.
 */
@ServiceProvider(service = OutputViewer.class)
public final class PipelineOutputViewer implements OutputViewer {

    @Override
    @SuppressWarnings("unchecked")
    public boolean show(String title, Map<String, Object> outputs) {
        List<NamedVolume> maps = new ArrayList<>();
        outputs.forEach((port, value) -> {
            if (value instanceof Volume<?> v && v.image().firstElement() instanceof FloatType) {
                maps.add(new NamedVolume(port, (Volume<FloatType>) v));
            }
        });
        if (maps.isEmpty()) {
            return false;
        }
        org.ferrum.viewer.compare.CompareMaps.offerRunOutputs(title, outputs); // the outputs become comparable maps
        ViewerTopComponent.open(title, maps);
        return true;
    }
}
