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
