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
package org.ferrum.pipeline.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ferrum.pipeline.Node.Position;
import org.ferrum.pipeline.OperatorRegistry;
import org.ferrum.pipeline.PipelineFormat;
import org.ferrum.pipeline.PortRef;
import org.ferrum.pipeline.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An edited sample pipeline written and read back is the same pipeline, . */
class SaveAndLoadTest {

    private static final Path SAMPLE = TestData.pipeline("gre-roi-statistics.json");

    @Test
    void editedPipelineRoundTripsThroughTheFile(@TempDir Path dir) throws Exception {
        PipelineDocument doc = new PipelineDocument(PipelineFormat.read(SAMPLE), OperatorRegistry.installed(), SAMPLE);
        String second = doc.addNode("volume.threshold", new Position(640, 500));
        doc.connect(new PortRef("echo1", "frame"), new PortRef(second, "volume"));
        doc.setParameter(second, "upper", 3.0);
        doc.moveNodes(java.util.Map.of("stats", new Position(400, 20)));
        Path file = dir.resolve("edited.json");
        Path written = PipelineFiles.write(doc.pipeline(), file);
        doc.markSaved(written);
        assertFalse(doc.isModified());
        assertEquals(doc.pipeline(), PipelineFormat.read(file), "what was saved is what is read back");
        assertEquals(PipelineFormat.write(doc.pipeline()), Files.readString(file), "the canonical text");
        try (var listing = Files.list(dir)) {
            assertEquals(1, listing.count(), "no temporary file left behind");
        }
        // saving over an existing file replaces it whole
        doc.setParameter(second, "upper", 2.0);
        PipelineFiles.write(doc.pipeline(), file);
        assertTrue(Files.readString(file).contains("\"upper\" : 2.0"));
    }
}
