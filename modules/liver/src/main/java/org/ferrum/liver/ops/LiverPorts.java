package org.ferrum.liver.ops;

import org.ferrum.pipeline.api.Quantities;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;

/** Ports the liver-iron operators share, declared once. */
final class LiverPorts {

    /** The LIC map the two LIC operators write. */
    static final Port<Volume<FloatType>> LIC = Port.output("lic", PortTypes.VOLUME,
            "Liver iron concentration in mg Fe/g dry weight").of(Quantities.LIVER_IRON, PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT);

    private LiverPorts() {
    }
}
