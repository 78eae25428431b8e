package org.ferrum.pipeline.ops;

import org.ferrum.pipeline.spi.SharedGrid;
import java.io.IOException;
import java.nio.file.Path;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.io.VolumeFiles;
import org.ferrum.pipeline.spi.Operator;
import org.ferrum.pipeline.spi.OperatorContext;
import org.ferrum.pipeline.spi.OperatorDescriptor;
import org.ferrum.pipeline.spi.OperatorException;
import org.ferrum.pipeline.spi.Parameter;
import org.ferrum.pipeline.spi.Port;
import org.ferrum.pipeline.spi.PortTypes;
import org.openide.util.lookup.ServiceProvider;

/**
 * Reads one volume file (any format a registered reader accepts: NIfTI-1/2, .nii.gz) as the physical
 * values in float, i.e. with the file's scaling applied ({@link VolumeFiles#readFloat}).
 */
@ServiceProvider(service = Operator.class)
public final class ReadVolume implements Operator {

    static final String ID = "io.read.volume";

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Read volume")
            .category(Categories.INPUT_OUTPUT)
            .description("Reads a volume file (NIfTI-1/2, .nii or .nii.gz) as real values with the file's scaling applied.")
            .parameter(Parameter.path("path", null, "The volume file; relative paths are relative to the pipeline file"))
            .output(Port.output("volume", PortTypes.VOLUME, "The volume's values in its unit (float, scaling applied)"))
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        Path file = context.path("path");
        context.progress(0, "reading " + file.getFileName());
        Volume<FloatType> volume;
        try {
            volume = VolumeFiles.readFloat(file);
        } catch (IOException e) {
            throw FileFailures.reading("path", file, e);
        }
        context.checkCancelled();
        context.log("read " + file + ": " + SharedGrid.size(volume) + " in " + volume.unit().symbol());
        context.output("volume", volume);
        context.progress(1, "read " + file.getFileName());
    }
}
