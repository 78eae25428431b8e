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
package org.ferrum.perfusion.phantom;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The simulated spine case shipped in {@code testdata/spine/simulated-spine/} as the default input of
 * {@code testdata/pipelines/spine-qmri.json}: {@link SpinePhantom} with {@link SpinePhantom.Params#DEFAULTS}, written by
 * {@link SpineCaseFiles}. Run {@link #main} to write it again (or {@code SimulatedSpineCaseTest} with
 * {@code -Dferrum.regenerate=true}).
 */
public final class SimulatedSpineCase {

    private SimulatedSpineCase() {}

    /** Writes the case into {@code args[0]} (default testdata/spine/simulated-spine). */
    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "testdata/spine/simulated-spine");
        SpineCaseFiles.write(SpinePhantom.of(SpinePhantom.Params.DEFAULTS), folder);
        System.out.println("wrote " + folder);
    }
}
