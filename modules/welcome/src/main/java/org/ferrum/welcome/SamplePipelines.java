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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sample pipelines the welcome page opens: where they are and what they are called.
 *
 * <p>Contract: the samples are the repository's {@code testdata/pipelines/*.json} (their default inputs are paths
 * relative to that folder, in {@code testdata/}). The folder is the first that exists of: the system property
 * {@code ferrum.testdata} + {@code /pipelines}; {@code testdata/pipelines} in the working directory or any folder above
 * it; the same above the application's installation ({@code netbeans.home}, e.g. {@code application/target/ferrum/platform}
 * of a build from the repository).
 */
public final class SamplePipelines {

    /** A sample: the label of its link, its file name, and the component name of its link (for GUI tests). */
    public record Sample(String label, String file, String componentName) {}

    public static final Sample BRAIN_QSM =
            new Sample("Open sample: brain QSM", "brain-qsm.json", "welcome.openSample.brainQsm");
    public static final Sample LIVER_HQSM =
            new Sample("Open sample: liver hQSM", "liver-hqsm.json", "welcome.openSample.liverHqsm");
    public static final List<Sample> ALL = List.of(BRAIN_QSM, LIVER_HQSM);

    private SamplePipelines() {}

    /** The sample's file, if the samples folder is found and holds it. */
    public static Optional<Path> locate(Sample sample) {
        return folder().map(f -> f.resolve(sample.file())).filter(Files::isRegularFile);
    }

    /** The samples folder, if found (see the class contract). */
    public static Optional<Path> folder() {
        List<Path> candidates = new ArrayList<>();
        String property = System.getProperty("ferrum.testdata");
        if (property != null && !property.isBlank()) {
            candidates.add(Path.of(property).resolve("pipelines"));
        }
        addAbove(candidates, Path.of(System.getProperty("user.dir", ".")));
        String home = System.getProperty("netbeans.home");
        if (home != null) {
            addAbove(candidates, Path.of(home));
        }
        return candidates.stream()
                .filter(Files::isDirectory)
                .map(p -> p.toAbsolutePath().normalize())
                .findFirst();
    }

    private static void addAbove(List<Path> candidates, Path start) {
        for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            candidates.add(p.resolve("testdata").resolve("pipelines"));
        }
    }

    /** What the link says when the sample is not found. */
    static String notFound(Sample sample) {
        return "The sample " + sample.file() + " was not found: Ferrum looks for testdata/pipelines/ above the working"
                + " directory and the installation, or in the folder named by -J-Dferrum.testdata=<repository>/testdata.";
    }
}
