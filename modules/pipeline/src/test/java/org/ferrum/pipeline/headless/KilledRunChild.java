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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.ferrum.pipeline.FakeOperators;

/**
 * A headless run in its own JVM, for {@link OutputFolderTest}'s kill -9 test: runs {@code DIR/p.json} into
 * {@code DIR/out} with --overwrite; its node {@code s} puts half-written files into the staging folder, creates
 * {@code DIR/ready} and then sleeps until the process is killed.
 */
public final class KilledRunChild {

    private KilledRunChild() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        FakeOperators fake = new FakeOperators();
        fake.hook("s", c -> {
            try (Stream<Path> s = Files.list(dir)) {
                Path staging = s.filter(p -> p.getFileName().toString().startsWith(".out.ferrum-partial-"))
                        .findFirst()
                        .orElseThrow();
                Files.writeString(staging.resolve("a.csv"), "new, complete");
                Files.writeString(staging.resolve(".b.csv12345.part"), "new, half");
                Files.writeString(dir.resolve("ready"), "");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        HeadlessRunner runner = new HeadlessRunner(fake.registry(), dir, System.out, System.err);
        System.exit(runner.run(Path.of("p.json"), Map.of(), Path.of("out"), true));
    }
}
