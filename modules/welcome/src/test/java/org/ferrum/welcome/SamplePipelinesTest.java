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
                .filter(JButton.class::isInstance)
                .map(Component::getName)
                .toList();
        assertEquals(List.of("welcome.openSample.brainQsm", "welcome.openSample.liverHqsm"), names);
    }
}
