package org.ferrum.viewer;

import java.util.Objects;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;

/**
 * A map with the name the viewer shows above it (e.g. "χ", "R2*", "LIC from QSM").
 *
 * @param name   shown to the user
 * @param volume the values, 3-D or 4-D, in the volume's unit
 */
public record NamedVolume(String name, Volume<FloatType> volume) {
    public NamedVolume {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(volume, "volume");
    }
}
