package org.ferrum.pipeline.ops;

import java.util.Optional;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.pipeline.spi.OperatorContext;
import org.ferrum.pipeline.spi.OperatorException;
import org.ferrum.pipeline.spi.PortType;

/**
 * Reads volume inputs in the form {@link org.ferrum.pipeline.spi.PortTypes} promises for volumes,
 * masks and label maps: {@code Volume<FloatType>}. A producer that breaks the promise (another pixel
 * type) is reported as bad input naming the port, not as a {@code ClassCastException} deep in a loop.
 */
final class VolumeInputs {

    private VolumeInputs() {
    }

    /** The volume on a connected input. */
    static Volume<FloatType> required(OperatorContext context, String port, PortType<Volume> type) throws OperatorException {
        return real(port, context.input(port, type));
    }

    /** The volume on an optional input, empty if it is not connected. */
    static Optional<Volume<FloatType>> optional(OperatorContext context, String port, PortType<Volume> type)
            throws OperatorException {
        Optional<Volume> v = context.optionalInput(port, type);
        return v.isEmpty() ? Optional.empty() : Optional.of(real(port, v.get()));
    }

    @SuppressWarnings("unchecked")
    private static Volume<FloatType> real(String port, Volume<?> v) throws OperatorException {
        if (!(v.pixelType() instanceof FloatType)) {
            throw OperatorException.badInput("input '" + port + "' holds " + v.pixelType().getClass().getSimpleName()
                    + " voxels; this operator takes real float volumes");
        }
        return (Volume<FloatType>) v;
    }
}
