package org.ferrum.pipeline.api;

import java.util.Optional;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;

/**
 * Reads volume inputs in the form {@link PortTypes} promises for volumes, masks and label maps
 * ({@code Volume<FloatType>}), and turns a mask input into the algorithms' {@code boolean[]} with the one
 * check every mask needs: a mask with no voxel inside is bad input naming the port.
 */
public final class VolumeInputs {

    private VolumeInputs() {
    }

    /** The volume on a connected input. */
    public static Volume<FloatType> required(OperatorContext context, String port, PortType<Volume<FloatType>> type)
            throws OperatorException {
        return real(port, context.input(port, type));
    }

    /** The volume on an optional input, empty if it is not connected. */
    public static Optional<Volume<FloatType>> optional(OperatorContext context, String port, PortType<Volume<FloatType>> type)
            throws OperatorException {
        Optional<Volume<FloatType>> v = context.optionalInput(port, type);
        return v.isEmpty() ? Optional.empty() : Optional.of(real(port, v.get()));
    }

    /**
     * The mask of a 3-D volume (or its first frame): true where the value is finite and non-zero.
     *
     * @param port named in the message when the mask is empty
     * @throws OperatorException if no voxel is inside
     */
    public static boolean[] mask(Volume<FloatType> volume, String port) throws OperatorException {
        boolean[] m = VolumeArrays.mask(volume);
        if (VolumeArrays.count(m) == 0) {
            throw OperatorException.badInput("input '" + port + "' is an empty mask (no voxel is inside)");
        }
        return m;
    }

    private static Volume<FloatType> real(String port, Volume<?> v) throws OperatorException {
        if (!PortTypes.VOLUME.accepts(v)) {
            throw OperatorException.badInput("input '" + port + "' holds " + v.pixelType().getClass().getSimpleName()
                    + " voxels; this operator takes real float volumes");
        }
        return PortTypes.VOLUME.cast(v);
    }
}
