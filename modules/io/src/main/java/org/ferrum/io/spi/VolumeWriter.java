package org.ferrum.io.spi;

import java.io.IOException;
import java.nio.file.Path;
import org.ferrum.io.ScaledVolume;

/**
 * Writes one volume file format. Implementations register with
 * {@code @ServiceProvider(service = VolumeWriter.class)}.
 *
 * <p>Contract: reading back what {@link #write} wrote with the same format's {@link VolumeReader}
 * gives the same pixel type, the same stored values bit for bit, the same slope and intercept, the
 * same unit and the same geometry to the precision the format stores (NIfTI-1: float32 entries;
 * NIfTI-2: double). A pixel type the format cannot store is reported as
 * {@link org.ferrum.io.VolumeFormatException}.
 */
public interface VolumeWriter {

    /** A short human name of the format, e.g. {@code "NIfTI"}. */
    String formatName();

    /** True if this writer produces files named like {@code path} (by extension). */
    boolean canWrite(Path path);

    /** Writes the volume, replacing any existing file. */
    void write(ScaledVolume<?> volume, Path path) throws IOException;
}
