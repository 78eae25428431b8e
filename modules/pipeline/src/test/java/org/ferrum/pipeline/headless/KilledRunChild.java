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

    private KilledRunChild() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        FakeOperators fake = new FakeOperators();
        fake.hook("s", c -> {
            try (Stream<Path> s = Files.list(dir)) {
                Path staging = s.filter(p -> p.getFileName().toString().startsWith(".out.ferrum-partial-")).findFirst().orElseThrow();
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
