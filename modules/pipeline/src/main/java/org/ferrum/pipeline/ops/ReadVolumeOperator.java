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

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.io.VolumeFiles;
import org.ferrum.pipeline.api.Operator;
import org.ferrum.pipeline.api.OperatorContext;
import org.ferrum.pipeline.api.OperatorDescriptor;
import org.ferrum.pipeline.api.OperatorException;
import org.ferrum.pipeline.api.Parameter;
import org.ferrum.pipeline.api.Port;
import org.ferrum.pipeline.api.PortTypes;
import org.ferrum.pipeline.api.SharedGrid;
import org.openide.util.lookup.ServiceProvider;

/**
 * Reads one volume file (any format a registered reader accepts: NIfTI-1/2, .nii.gz, FreeSurfer .mgz/.mgh) as the physical
 * values in float, i.e. with the file's scaling applied ({@link VolumeFiles#readFloat}).
 *
 * <p>Unit of the values (parameter {@code unit}): {@value #FROM_FILE} keeps the unit the file records (Ferrum writes
 * {@code unit=<symbol>} into NIfTI's descrip; a file without it, as SEPIA, QSMxT or MEDI write, reads as
 * {@code a.u.}). Any unit symbol of {@link PhysicalUnit} declares what the values are: the values are not changed,
 * only labelled, so a field map in ppm from another tool can feed a field input. A file read as {@code a.u.} can be
 * declared anything. A file that records a different unit is refused, naming the file and both units, because a
 * declaration then contradicts the file (a map in ppb declared ppm would be 1000× off; units of one quantity are
 * converted by the operators that read them, so 'from file' is the right choice there); {@code force_unit} relabels
 * it anyway, with a warning, for a file whose recorded unit is known to be wrong.
 */
@ServiceProvider(service = Operator.class)
public final class ReadVolumeOperator implements Operator {

    static final String ID = "io.read.volume";

    /** The value of {@code unit} that keeps the file's own unit. */
    public static final String FROM_FILE = "from file";

    public static final Parameter<String> PATH =
            Parameter.path("path", null, "The volume file; relative paths are relative to the pipeline file");
    public static final Parameter<String> UNIT = Parameter.choice(
            "unit",
            FROM_FILE,
            unitChoices(),
            "Unit of the values: as the file records it (a file without one reads as a.u.), or the unit they are in"
                    + " (e.g. ppm for a field or χ map written by SEPIA, QSMxT or MEDI); values are not converted");
    public static final Parameter<Boolean> FORCE_UNIT = Parameter.flag(
            "force_unit",
            false,
            "Label the values with 'unit' even if the file records another unit (values unchanged)");
    public static final Port<Volume<FloatType>> VOLUME =
            Port.output("volume", PortTypes.VOLUME, "The volume's values in its unit (float, scaling applied)");

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Read volume")
            .category(Categories.INPUT_OUTPUT)
            .description(
                    "Reads a volume file (NIfTI-1/2 .nii or .nii.gz, FreeSurfer .mgz or .mgh) as real values with the"
                            + " file's scaling applied.")
            .parameters(List.of(PATH, UNIT, FORCE_UNIT))
            .output(VOLUME)
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        Path file = context.path(PATH);
        context.progress(0, "reading " + file.getFileName());
        Volume<FloatType> volume;
        try {
            volume = VolumeFiles.readFloat(file, context::warn);
        } catch (IOException e) {
            throw FileFailures.reading(PATH.name(), file, e);
        }
        context.checkCancelled();
        volume = declared(context, file, volume);
        context.log("read " + file + ": " + SharedGrid.size(volume) + " in "
                + volume.unit().symbol());
        context.output(VOLUME, volume);
        context.progress(1, "read " + file.getFileName());
    }

    /** The volume labelled with parameter {@code unit} (see the class comment). */
    private static Volume<FloatType> declared(OperatorContext context, Path file, Volume<FloatType> volume)
            throws OperatorException {
        String choice = context.get(UNIT);
        if (choice.equals(FROM_FILE)) {
            return volume;
        }
        PhysicalUnit wanted = PhysicalUnit.parse(choice);
        PhysicalUnit recorded = volume.unit();
        if (recorded == wanted) {
            return volume;
        }
        if (recorded != PhysicalUnit.ARBITRARY) {
            if (!context.get(FORCE_UNIT)) {
                throw OperatorException.badInput("parameter 'unit': " + file + " records its values in "
                        + recorded.symbol()
                        + ", not " + wanted.symbol() + "; set unit='" + FROM_FILE + "' to read them as "
                        + recorded.symbol()
                        + (recorded.quantity() == wanted.quantity()
                                ? " (operators convert " + recorded.symbol() + " to " + wanted.symbol() + " themselves)"
                                : "")
                        + ", or force_unit=true if the file's unit is wrong");
            }
            context.warn(file + " records its values in " + recorded.symbol() + "; relabelled as " + wanted.symbol()
                    + " (force_unit), values unchanged");
        } else {
            context.log(file + " records no physical unit (a.u.); its values are declared to be in " + wanted.symbol());
        }
        return volume.withUnit(wanted);
    }

    /** {@value #FROM_FILE}, then every unit symbol. */
    private static List<String> unitChoices() {
        List<String> choices = new ArrayList<>();
        choices.add(FROM_FILE);
        Arrays.stream(PhysicalUnit.values()).map(PhysicalUnit::symbol).forEach(choices::add);
        return choices;
    }
}
