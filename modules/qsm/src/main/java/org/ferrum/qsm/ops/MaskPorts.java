package org.ferrum.qsm.ops;

import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.Quantities;
import org.ferrum.pipeline.api.PortTypes;

/**
 * The mask ports of the masking operators, declared one way: a mask output is quantity "mask", dimensionless (0/1, as
 * {@link org.ferrum.core.VolumeArrays#maskVolume} makes it); a mask input takes any mask (masks read from files carry
 * no unit), non-zero meaning inside.
 */
final class MaskPorts {

    static final String MASK = "mask";

    private MaskPorts() {
    }

    /** The output {@code mask}. */
    static Port<Volume<FloatType>> output(String description) {
        return Port.output(MASK, PortTypes.MASK, description).of(Quantities.MASK, PhysicalUnit.DIMENSIONLESS);
    }
}
