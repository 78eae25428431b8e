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
package org.ferrum.perfusion.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.io.AtomicFiles;
import org.ferrum.io.VolumeFiles;
import org.ferrum.io.bids.BidsSidecar;
import org.ferrum.io.table.TableCsv;
import org.ferrum.perfusion.ArterialInputFunction;
import org.ferrum.perfusion.DynamicSeries;
import org.ferrum.pipeline.api.OutputFormat;
import org.openide.util.lookup.ServiceProvider;

/**
 * Saves DCE outputs so that they read back: a {@link DynamicSeries} as {@code <name>.nii.gz} with a BIDS sidecar
 * {@code <name>.json} ({@code RepetitionTime} s, {@code FlipAngle} deg, {@code FrameTimesStart} s,
 * {@code MagneticFieldStrength} T when known, {@code Units}), which {@code perfusion.read.dce} reads; an
 * {@link ArterialInputFunction} as {@code <name>.csv} with columns {@code time} (s) and {@code plasma_concentration}
 * (mM).
 */
@ServiceProvider(service = OutputFormat.class)
public final class DceOutputFormat implements OutputFormat {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public boolean writes(Object value) {
        return value instanceof DynamicSeries || value instanceof ArterialInputFunction;
    }

    @Override
    public String write(String name, Object value, Path folder) throws IOException {
        if (value instanceof DynamicSeries series) {
            String file = name + ".nii.gz";
            VolumeFiles.write(series.frames(), folder.resolve(file));
            ObjectNode sidecar = JSON.createObjectNode();
            sidecar.put(BidsSidecar.REPETITION_TIME, series.repetitionTime());
            sidecar.put(BidsSidecar.FLIP_ANGLE, series.flipAngle());
            ArrayNode times = sidecar.putArray(DceSeriesReader.FRAME_TIMES_START);
            for (double t : series.frameTimes()) {
                times.add(t);
            }
            if (Double.isFinite(series.fieldStrength())) {
                sidecar.put(BidsSidecar.MAGNETIC_FIELD_STRENGTH, series.fieldStrength());
            }
            sidecar.put(BidsSidecar.UNITS, series.frames().unit().symbol());
            AtomicFiles.writeString(
                    folder.resolve(name + ".json"),
                    new String(JSON.writeValueAsBytes(sidecar), StandardCharsets.UTF_8) + "\n");
            return file;
        }
        if (value instanceof ArterialInputFunction aif) {
            Table.Builder table = Table.builder(
                    Table.Column.number("time", PhysicalUnit.SECOND),
                    Table.Column.number("plasma_concentration", PhysicalUnit.MILLIMOLAR));
            double[] t = aif.times();
            double[] c = aif.plasmaConcentration();
            for (int i = 0; i < t.length; i++) {
                table.row(t[i], c[i]);
            }
            String file = name + ".csv";
            TableCsv.write(table.build(), folder.resolve(file));
            return file;
        }
        throw new IOException("output '" + name + "': " + value.getClass().getSimpleName() + " is not a DCE output");
    }
}
