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
package org.ferrum.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.io.diffusion.DiffusionDataset;
import org.ferrum.io.spi.SeriesReader;
import org.ferrum.io.spi.SeriesWriter;
import org.openide.util.Lookup;

/**
 * Reads and writes series of files (DICOM) with the first registered {@link SeriesReader} or {@link SeriesWriter}
 * (found through {@code Lookup.getDefault()}), as {@link VolumeFiles} does for single files. io itself registers
 * none: modules/dicom does.
 */
public final class SeriesFiles {

    private SeriesFiles() {}

    /** The first registered series reader, if any. */
    public static Optional<SeriesReader> reader() {
        return Optional.ofNullable(Lookup.getDefault().lookup(SeriesReader.class));
    }

    /** The first registered series writer, if any. */
    public static Optional<SeriesWriter> writer() {
        return Optional.ofNullable(Lookup.getDefault().lookup(SeriesWriter.class));
    }

    /**
     * The one multi-echo GRE acquisition in a folder ({@link SeriesReader#readMultiEchoGre}).
     *
     * @throws VolumeFormatException if no series reader is installed, or the folder holds no such acquisition
     */
    public static MultiEchoGre readMultiEchoGre(Path folder, Cancellation cancellation) throws IOException {
        SeriesReader r = reader().orElseThrow(() -> new VolumeFormatException(
                folder, "no series reader is installed (DICOM folders are read by the module ferrum-dicom)"));
        return r.readMultiEchoGre(folder, cancellation);
    }

    /**
     * The one diffusion-weighted series in a folder ({@link SeriesReader#readDiffusion}).
     *
     * @throws VolumeFormatException if no series reader is installed, or the folder holds no such series
     */
    public static DiffusionDataset readDiffusion(Path folder, Cancellation cancellation) throws IOException {
        SeriesReader r = reader().orElseThrow(() -> new VolumeFormatException(
                folder, "no series reader is installed (DICOM folders are read by the module ferrum-dicom)"));
        return r.readDiffusion(folder, cancellation);
    }

    /**
     * Writes a derived map as a new series ({@link SeriesWriter#write}).
     *
     * @throws VolumeFormatException if no series writer is installed
     */
    public static SeriesWriter.Written write(Volume<FloatType> map, Path folder, String derivation) throws IOException {
        SeriesWriter w = writer().orElseThrow(() -> new VolumeFormatException(
                folder, "no series writer is installed (DICOM series are written by the module ferrum-dicom)"));
        return w.write(map, folder, derivation);
    }
}
