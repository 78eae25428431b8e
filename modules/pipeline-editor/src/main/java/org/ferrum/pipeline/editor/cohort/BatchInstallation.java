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
package org.ferrum.pipeline.editor.cohort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the application's copy of the batch distribution is: {@code <installation>/ferrum/batch/bin/ferrum-batch} (in
 * Ferrum's own cluster), unpacked there by the application's build from ferrum-batch's {@code dist} zip. The
 * installation is the parent of the platform cluster ({@code netbeans.home}) and of the other clusters
 * ({@code netbeans.dirs}); the system property {@value #LAUNCHER_PROPERTY} names another launcher
 * (a batch distribution built elsewhere, or a cluster's {@code spark-submit} wrapper).
 */
public final class BatchInstallation {

    /** System property naming the batch launcher explicitly. */
    public static final String LAUNCHER_PROPERTY = "ferrum.batch.launcher";

    static final String RELATIVE_LAUNCHER = "ferrum/batch/bin/ferrum-batch";

    private BatchInstallation() {}

    /** The launcher, or empty if there is none where it was looked for ({@link #lookedAt()} says where). */
    public static Optional<Path> launcher() {
        return candidates().stream().filter(Files::isExecutable).findFirst();
    }

    /** Why there is no launcher: where it was looked for, for the message to the user. */
    public static String missing() {
        List<Path> c = candidates();
        return "the batch runner (ferrum-batch) is not installed: looked for "
                + (c.isEmpty() ? "an installation folder (netbeans.home is not set)" : c.toString())
                + "; build the application with 'mvn package' (it unpacks modules/batch's distribution into its"
                + " 'ferrum/batch' folder) or start it with -J-D" + LAUNCHER_PROPERTY + "=PATH/bin/ferrum-batch";
    }

    static List<Path> candidates() {
        List<Path> c = new ArrayList<>();
        String explicit = System.getProperty(LAUNCHER_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            c.add(Path.of(explicit));
            return c;
        }
        String home = System.getProperty("netbeans.home");
        if (home != null && !home.isBlank()) {
            Path platform = Path.of(home).toAbsolutePath().normalize();
            if (platform.getParent() != null) {
                c.add(platform.getParent().resolve(RELATIVE_LAUNCHER));
            }
        }
        // the other clusters (the launcher's netbeans.dirs: <installation>/ferrum, <installation>/extra)
        String dirs = System.getProperty("netbeans.dirs");
        if (dirs != null) {
            for (String d : dirs.split(java.io.File.pathSeparator)) {
                Path cluster = Path.of(d).toAbsolutePath().normalize();
                if (!d.isBlank() && cluster.getParent() != null) {
                    Path l = cluster.getParent().resolve(RELATIVE_LAUNCHER);
                    if (!c.contains(l)) {
                        c.add(l);
                    }
                }
            }
        }
        return c;
    }
}
