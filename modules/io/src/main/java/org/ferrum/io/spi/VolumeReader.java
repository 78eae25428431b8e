package org.ferrum.io.spi;

import java.io.IOException;
import java.nio.file.Path;
import org.ferrum.io.ScaledVolume;

/**
 * Reads one volume file format. Implementations register with
 * {@code @ServiceProvider(service = VolumeReader.class)} and are found through
 * {@code Lookup.getDefault()} (see {@link org.ferrum.io.VolumeFiles}).
 *
 * <p>Contract: {@link #canRead} is cheap (a name or a few bytes) and never throws; {@link #read}
 * returns the pixels in the type the file stores them in, placed by a {@code Geometry} in LPS
 * millimetres, with the linear map from stored to physical values (see {@link ScaledVolume}); for
 * content it cannot interpret it throws {@link org.ferrum.io.VolumeFormatException} naming the file
 * and the problem, never an unchecked exception.
 */
public interface VolumeReader {

    /** A short human name of the format, e.g. {@code "NIfTI"}. */
    String formatName();

    /** True if this reader recognises the path (by name, and possibly by its first bytes). */
    boolean canRead(Path path);

    /**
     * @throws org.ferrum.io.VolumeFormatException if the content is not a valid volume of this format
     * @throws IOException                         if the file cannot be read at all
     */
    ScaledVolume<?> read(Path path) throws IOException;
}
