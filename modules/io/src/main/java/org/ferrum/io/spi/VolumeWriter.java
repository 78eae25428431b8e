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
