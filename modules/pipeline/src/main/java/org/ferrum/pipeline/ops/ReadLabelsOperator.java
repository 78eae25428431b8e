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
package org.ferrum.pipeline.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.labels.LabelEntry;
import org.ferrum.io.labels.LabelMapFiles;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.PathInputs;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.SharedGrid;
import org.openide.util.lookup.ServiceProvider;

/**
 * Operator {@code io.read.labels}: a label map with its legend, from the tools people segment brains with —
 * FreeSurfer/FastSurfer {@code aseg.mgz}, {@code aparc+aseg.mgz} ({@code .mgz}/{@code .mgh}), FSL FIRST's
 * {@code *_firstseg.nii.gz}, BIDS {@code *_dseg.nii.gz} with its {@code dseg.tsv}, Ferrum's own label maps — as
 * {@link LabelMapFiles#read} finds the legend; a {@code lut} given (FreeSurfer colour LUT or dseg.tsv) wins. The
 * legend travels with the map ({@link Volume#labels()}), so {@code roi.measurements}, {@code brain.nuclei.measure}
 * and the viewer name the regions. Labels missing from the legend, and FIRST's uncorrected boundary values, are
 * warnings naming the values; non-integer or negative values, 4-D files and unreadable headers are refused naming
 * the file.
 */
@ServiceProvider(service = Operator.class)
public final class ReadLabelsOperator implements Operator {

    static final String ID = "io.read.labels";

    public static final Parameter<String> PATH = Parameter.path(
            "path",
            null,
            "The label map: .mgz/.mgh (FreeSurfer, FastSurfer) or .nii/.nii.gz (FSL FIRST, BIDS dseg, Ferrum);"
                    + " relative paths are relative to the pipeline file");
    public static final Parameter<String> LUT = Parameter.path(
            "lut",
            "",
            "Names and colours of the labels: a FreeSurfer colour LUT (value name R G B A) or a dseg.tsv; empty: the"
                    + " dseg.tsv beside the map, else FreeSurfer's numbering for FreeSurfer and FIRST files");
    public static final Port<Volume<FloatType>> LABELS =
            Port.output("labels", PortTypes.LABEL_MAP, "The label map (whole numbers, 0 = background) with its legend");

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Read labels")
            .category(Categories.INPUT_OUTPUT)
            .description("Reads a label map and the names of its labels: FreeSurfer aseg/aparc+aseg (.mgz), FSL FIRST,"
                    + " BIDS dseg (.nii.gz + dseg.tsv) or Ferrum's own; an optional LUT names them instead.")
            .parameters(List.of(PATH, LUT))
            .output(LABELS)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        Optional<Path> lut = Optional.empty();
        String given = context.get(LUT);
        if (given != null && !given.isBlank()) {
            Path p = context.path(LUT);
            if (!Files.isRegularFile(p)) {
                throw OperatorException.badInput(
                        "parameter 'lut': " + p + (Files.exists(p) ? " is not a file" : " does not exist"));
            }
            lut = Optional.of(p);
        }
        Optional<Path> table = lut;
        LabelMapFiles.Read read = PathInputs.read(context, PATH, p -> LabelMapFiles.read(p, table));
        context.checkCancelled();
        read.warnings().forEach(context::warn);
        Volume<FloatType> labels = read.labels();
        Path file = context.path(PATH);
        List<LabelEntry> entries = labels.labels().entries();
        context.log("read " + file + ": " + SharedGrid.size(labels) + ", " + entries.size() + " named label(s), legend "
                + read.legendSource()
                + (entries.isEmpty()
                        ? ""
                        : ": "
                                + entries.stream()
                                        .limit(12)
                                        .map(e -> e.value() + " " + e.name())
                                        .collect(Collectors.joining(", "))
                                + (entries.size() > 12 ? ", …" : "")));
        if (entries.isEmpty()) {
            context.log(file.getFileName() + ": no legend found (no lut, no dseg.tsv beside it, not a FreeSurfer or"
                    + " FIRST file): labels are called \"label N\"");
        }
        context.output(LABELS, labels);
        context.progress(1, "read " + file.getFileName());
    }
}
