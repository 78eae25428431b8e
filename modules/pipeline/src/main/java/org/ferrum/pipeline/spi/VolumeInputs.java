package org.ferrum.pipeline.spi;

import java.util.Optional;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;

/**
 * Reads volume inputs in the form {@link org.ferrum.pipeline.spi.PortTypes} promises for volumes,
 * masks and label maps: {@code Volume<FloatType>}. A producer that breaks the promise (another pixel
 * type) is reported as bad input naming the port, not as a {@code ClassCastException} deep in a loop.
 */
public final class VolumeInputs {

    private VolumeInputs() {
    }

    /** The volume on a connected input. */
    public static Volume<FloatType> required(OperatorContext context, String port, PortType<Volume> type) throws OperatorException {
        return real(port, context.input(port, type));
    }

    /** The volume on an optional input, empty if it is not connected. */
    public static Optional<Volume<FloatType>> optional(OperatorContext context, String port, PortType<Volume> type)
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
