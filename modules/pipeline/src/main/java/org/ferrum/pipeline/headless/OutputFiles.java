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
import org.ferrum.pipeline.api.Scalar;

/**
 * Where each kind of named output goes in an output folder (the headless contract of ARCHITECTURE.md):
 * volumes as {@code <name>.nii.gz}, tables as {@code <name>.csv}, scalars as a one-row
 * {@code <name>.csv} (value and unit), multi-echo GRE data as a BIDS folder {@code <name>/}.
 */
final class OutputFiles {

    private OutputFiles() {
    }

    /** Writes one output; returns the file or folder name relative to {@code dir}. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static String write(String name, Object value, Path dir) throws IOException {
        // The validator refuses such names already; checked again here because this is where a name becomes a path.
        String problem = PipelineValidator.outputNameProblem(name);
        if (problem != null) {
            throw new IOException("output '" + name + "': " + problem);
        }
        if (value instanceof Volume v) {
            String file = name + ".nii.gz";
            VolumeFiles.write(v, dir.resolve(file));
            return file;
        }
        if (value instanceof Table t) {
            String file = name + ".csv";
            TableCsv.write(t, dir.resolve(file));
            return file;
        }
        if (value instanceof Scalar s) {
            String file = name + ".csv";
            Table t = Table.builder(Table.Column.text("name"), Table.Column.number("value", s.unit()), Table.Column.text("unit"))
                    .row(name, s.value(), s.unit() == PhysicalUnit.DIMENSIONLESS ? "" : s.unit().symbol()).build();
            TableCsv.write(t, dir.resolve(file));
            return file;
        }
        if (value instanceof MultiEchoGre g) {
            Path folder = dir.resolve(name);
            Files.createDirectories(folder);
            BidsMultiEcho.write(g, folder, name);
            return name + "/";
        }
        throw new IOException("output '" + name + "' holds " + value.getClass().getSimpleName() + ", which has no file format");
    }
}
