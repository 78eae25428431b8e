package org.ferrum.welcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Component;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.swing.JButton;
import org.ferrum.pipeline.PipelineFormat;
import org.junit.jupiter.api.Test;

/** The welcome page's sample links find the repository's sample pipelines, which read as pipelines. */
class SamplePipelinesTest {

    @Test
    void bothSamplesAreFoundFromTheModuleFolderAndRead() throws Exception {
        for (SamplePipelines.Sample s : SamplePipelines.ALL) {
            Path file = SamplePipelines.locate(s).orElseThrow(() -> new AssertionError(SamplePipelines.notFound(s)));
            assertEquals(s.file(), file.getFileName().toString());
            assertTrue(PipelineFormat.read(file).nodes().size() > 1, file.toString());
        }
    }

    @Test
    void theLinksAreNamedButtons() {
        List<String> names = Arrays.stream(WelcomeTopComponent.sampleLinks().getComponents())
                .filter(JButton.class::isInstance).map(Component::getName).toList();
        assertEquals(List.of("welcome.openSample.brainQsm", "welcome.openSample.liverHqsm"), names);
    }
}
