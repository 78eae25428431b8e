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
package org.ferrum.pipeline.headless;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Table;
import org.ferrum.core.Volume;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.io.VolumeFiles;
import org.ferrum.io.bids.BidsMultiEcho;
import org.ferrum.io.table.TableCsv;
import org.ferrum.pipeline.PipelineValidator;
import org.ferrum.pipeline.api.OutputFormat;
import org.ferrum.pipeline.api.Scalar;

/**
 * Where each kind of named output goes in an output folder (the headless contract of ARCHITECTURE.md):
 * volumes as {@code <name>.nii.gz} (a label map with a legend also as its BIDS {@code <name>.tsv} dseg table beside it,
 * written by {@code VolumeFiles.write}), tables as {@code <name>.csv}, scalars as a one-row
 * {@code <name>.csv} (value and unit), multi-echo GRE data as a BIDS folder {@code <name>/}; a module's own types as
 * its {@link OutputFormat} (found through Lookup) says.
 */
public final class OutputFiles {

    private OutputFiles() {}

    /** Writes one output as {@code <name>.<ext>}; returns the file or folder name relative to {@code dir}. */
    static String write(String name, Object value, Path dir) throws IOException {
        return write(name, name, value, dir);
    }

    /**
     * Writes one output under another file stem, e.g. the BIDS-derivative name {@code sub-01_desc-chi_Chimap} of the
     * output {@code chi} (the cohort runner); the extension, and the folder for multi-echo data, are as for
     * {@link #write(String, Object, Path)}.
     *
     * @param name     the output's name (checked as the validator does)
     * @param fileStem the file name without extension; a plain name, no path separator
     * @return the file or folder name relative to {@code dir}
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static String write(String name, String fileStem, Object value, Path dir) throws IOException {
        // The validator refuses such names already; checked again here because this is where a name becomes a path.
        String problem = PipelineValidator.outputNameProblem(name);
        if (problem != null) {
            throw new IOException("output '" + name + "': " + problem);
        }
        String stemProblem = PipelineValidator.outputNameProblem(fileStem);
        if (stemProblem != null) {
            throw new IOException("output '" + name + "', file '" + fileStem + "': " + stemProblem);
        }
        if (value instanceof Volume v) {
            String file = fileStem + ".nii.gz";
            VolumeFiles.write(v, dir.resolve(file));
            return file;
        }
        if (value instanceof Table t) {
            String file = fileStem + ".csv";
            TableCsv.write(t, dir.resolve(file));
            return file;
        }
        if (value instanceof Scalar s) {
            String file = fileStem + ".csv";
            Table t = Table.builder(
                            Table.Column.text("name"),
                            Table.Column.number("value", s.unit()),
                            Table.Column.text("unit"))
                    .row(
                            name,
                            s.value(),
                            s.unit() == PhysicalUnit.DIMENSIONLESS
                                    ? ""
                                    : s.unit().symbol())
                    .build();
            TableCsv.write(t, dir.resolve(file));
            return file;
        }
        if (value instanceof MultiEchoGre g) {
            Path folder = dir.resolve(fileStem);
            Files.createDirectories(folder);
            BidsMultiEcho.write(g, folder, fileStem);
            return fileStem + "/";
        }
        for (OutputFormat format : org.openide.util.Lookup.getDefault().lookupAll(OutputFormat.class)) {
            if (format.writes(value)) {
                return format.write(fileStem, value, dir);
            }
        }
        throw new IOException(
                "output '" + name + "' holds " + value.getClass().getSimpleName() + ", which has no file format");
    }
}
