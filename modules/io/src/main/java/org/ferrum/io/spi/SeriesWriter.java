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
import java.util.List;
import java.util.Optional;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;

/**
 * Writes a derived map (χ, R2*, T2*, PDFF, LIC, field map) as a new series of files that archives (PACS) accept
 * (DICOM). Implementations register with {@code @ServiceProvider(service = SeriesWriter.class)} and are found
 * through {@code Lookup.getDefault()} (see {@link org.ferrum.io.SeriesFiles}); Ferrum's own is modules/dicom's.
 */
public interface SeriesWriter {

    /** A short human name of the format, e.g. {@code "DICOM"}. */
    String formatName();

    /** The kind of map a volume in {@code unit} is (e.g. {@code "QSM"} for ppm), empty if the unit says none. */
    Optional<String> mapKind(PhysicalUnit unit);

    /**
     * Writes the 3-D {@code map} into {@code folder} (new or empty), its kind following from its unit. The series the
     * map's grid was read from in this session, if any, is referenced (patient, study, source images).
     *
     * @param derivation how the map was made, recorded in the files (e.g. "Ferrum viewer export of χ")
     * @throws IllegalArgumentException if the map has several frames or its unit says no map kind
     * @throws IOException              if the folder exists and is not empty, or writing fails
     */
    Written write(Volume<FloatType> map, Path folder, String derivation) throws IOException;

    /**
     * What {@link #write} wrote.
     *
     * @param kind   the map kind as a label, e.g. {@code "QSM"}
     * @param source the referenced source series in words (e.g. {@code series 5 “gre” of patient DOE JOHN}), empty
     *               when none was known and a placeholder patient was written
     */
    record Written(Path folder, List<Path> files, String kind, Optional<String> source) {}
}
