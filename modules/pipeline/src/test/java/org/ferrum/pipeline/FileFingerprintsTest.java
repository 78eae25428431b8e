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
package org.ferrum.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ferrum.pipeline.headless.HeadlessRunner;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input fingerprints (cache keys, provenance) read only regular files, and never past their size
 * (issue 14, item 10): a FIFO blocked the hash forever and a link to /dev/zero made it spin forever.
 */
@Timeout(20)
class FileFingerprintsTest {

    @TempDir
    Path dir;

    private Path fifo(String name) throws Exception {
        Path f = dir.resolve(name);
        Process p = new ProcessBuilder("mkfifo", f.toString()).inheritIO().start();
        Assumptions.assumeTrue(p.waitFor() == 0 && Files.exists(f), "mkfifo is available");
        return f;
    }

    private Path devZero(String name) throws IOException {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")), "a /dev/zero");
        return Files.createSymbolicLink(dir.resolve(name), Path.of("/dev/zero"));
    }

    @Test
    void fifoIsRefusedInsteadOfBlocking() throws Exception {
        Path f = fifo("field.nii");
        IOException e = assertThrows(IOException.class, () -> new FileFingerprints().hash(f));
        assertTrue(e.getMessage().contains("is a FIFO (named pipe)"), e.getMessage());
    }

    @Test
    void linkToDevZeroIsRefusedInsteadOfSpinning() throws Exception {
        Path z = devZero("mag.nii");
        IOException e = assertThrows(IOException.class, () -> new FileFingerprints().hash(z));
        assertTrue(e.getMessage().contains("is a character device"), e.getMessage());
    }

    @Test
    void specialFilesInsideAFolderAreLeftOutOfItsHash() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("gre"));
        Files.writeString(folder.resolve("echo1.json"), "{}");
        String before = new FileFingerprints().hash(folder);
        Files.createSymbolicLink(folder.resolve("zero.nii"), Path.of("/dev/zero"));
        assertEquals(before, new FileFingerprints().hash(folder));
        Files.writeString(folder.resolve("echo2.json"), "{}");
        assertNotEquals(before, new FileFingerprints().hash(folder));
    }

    @Test
    void regularFileHashIsUnchanged() throws Exception {
        Path f = Files.writeString(dir.resolve("x.txt"), "abc");
        // SHA-256("abc"), FIPS 180-2 appendix B.1
        assertEquals(
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", new FileFingerprints().hash(f));
    }

    @Test
    void headlessRunWithAFifoInputFailsAtOnceNamingIt() throws Exception {
        Path f = fifo("value.txt");
        FakeOperators fake = new FakeOperators();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        HeadlessRunner runner = new HeadlessRunner(
                fake.registry(),
                dir,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        PipelineFormat.write(
                FakeOperators.pipeline()
                        .node("r", FakeOperators.READ)
                        .input("data", "r", "path", null)
                        .output("v", "r.value")
                        .build(),
                dir.resolve("p.json"));
        int status = runner.run(Path.of("p.json"), Map.of("data", f.toString()), Path.of("out"));
        assertEquals(HeadlessRunner.BAD_INPUT, status);
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("'r'") && lines.get(0).contains("value.txt: is a FIFO"), lines.get(0));
        assertEquals(0, fake.runs("r"), "the node never opened the FIFO");
        assertFalse(Files.exists(dir.resolve("out")));
    }
}
