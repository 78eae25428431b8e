package org.ferrum.pipeline.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.io.bids.BidsMultiEcho;
import org.ferrum.pipeline.spi.Operator;
import org.ferrum.pipeline.spi.OperatorContext;
import org.ferrum.pipeline.spi.OperatorDescriptor;
import org.ferrum.pipeline.spi.OperatorException;
import org.ferrum.pipeline.spi.Parameter;
import org.ferrum.pipeline.spi.Port;
import org.ferrum.pipeline.spi.PortTypes;
import org.openide.util.lookup.ServiceProvider;

/**
 * Reads a multi-echo gradient-echo series: magnitude (and phase, if present) of every echo with the
 * echo times and field strength from the BIDS sidecars ({@link BidsMultiEcho#read}). The path is a
 * folder holding exactly one series, or any image file of the series. DICOM folders are to come
 * through this same operator.
 */
@ServiceProvider(service = Operator.class)
public final class ReadMultiEchoGre implements Operator {

    static final String ID = "io.read.gre";

    private static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(ID, "1.0")
            .displayName("Read multi-echo GRE")
            .category(Categories.INPUT_OUTPUT)
            .description("Reads a BIDS-style multi-echo GRE series (*_echo-N_part-mag|phase_*.nii[.gz] with JSON sidecars"
                    + " giving EchoTime in s and MagneticFieldStrength in T).")
            .parameter(Parameter.path("path", null, "A folder holding one multi-echo series, or one image file of the series"))
            .output(Port.output("gre", PortTypes.MULTI_ECHO_GRE, "Magnitude (a.u.) and phase (rad) per echo, with echo times"))
            .build();

    @Override
    public OperatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void run(OperatorContext context) throws OperatorException {
        Path path = context.path("path");
        context.progress(0, "reading " + path.getFileName());
        if (!Files.exists(path)) {
            throw FileFailures.reading("path", path, new NoSuchFileException(path.toString()));
        }
        MultiEchoGre gre;
        try {
            gre = BidsMultiEcho.read(path);
        } catch (IOException e) {
            throw FileFailures.reading("path", path, e);
        } catch (IllegalArgumentException e) { // inconsistent series rejected by the data model
            throw OperatorException.badInput("parameter 'path': " + path + ": " + e.getMessage(), e);
        }
        context.checkCancelled();
        context.log("read " + path + ": " + gre);
        context.output("gre", gre);
        context.progress(1, "read " + path.getFileName());
    }
}
