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
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.io.VolumeFormatException;
import org.ferrum.io.diffusion.DiffusionDataset;

/**
 * Reads acquisitions that a scanner stores as a series of files in a folder (DICOM). Implementations register with
 * {@code @ServiceProvider(service = SeriesReader.class)} and are found through {@code Lookup.getDefault()} (see
 * {@link org.ferrum.io.SeriesFiles}); Ferrum's own is modules/dicom's, and a provider with a lower position (e.g. one
 * backed by dcm4che) replaces it. A single volume of a series is read through {@link VolumeReader} like any file.
 *
 * <p>Contract as for {@link VolumeReader}: content the reader cannot interpret is reported as
 * {@link org.ferrum.io.VolumeFormatException} naming the file or folder and the problem, never an unchecked exception.
 */
public interface SeriesReader {

    /** A short human name of the format, e.g. {@code "DICOM"}. */
    String formatName();

    /**
     * The one multi-echo gradient-echo acquisition under {@code folder} (searched recursively): magnitude in arbitrary
     * units and phase in radians per echo, echo times and field strength.
     *
     * @throws org.ferrum.io.VolumeFormatException if the folder holds no such acquisition, or several
     * @throws java.util.concurrent.CancellationException if {@code cancellation} asks to stop
     */
    MultiEchoGre readMultiEchoGre(Path folder, Cancellation cancellation) throws IOException;

    /**
     * The one diffusion-weighted series under {@code folder} (searched recursively): its volumes with the b-value
     * (s/mm²) and LPS gradient direction of each, as the images say them. A reader that cannot read diffusion series
     * refuses (the default).
     *
     * @throws org.ferrum.io.VolumeFormatException if the folder holds no such series, or several, or a volume has no
     *     b-value
     * @throws java.util.concurrent.CancellationException if {@code cancellation} asks to stop
     */
    default DiffusionDataset readDiffusion(Path folder, Cancellation cancellation) throws IOException {
        throw new VolumeFormatException(folder, "the " + formatName() + " series reader cannot read diffusion series");
    }
}
