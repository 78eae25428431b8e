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
package org.ferrum.batch;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Spark's own log: WARN by default (the jar's {@code log4j2.properties}), so that a run's terminal shows the progress
 * and the summary, not Spark's scheduling; INFO with {@code --verbose}.
 */
final class Logging {

    private Logging() {}

    /** Keeps the loggers configured here from being collected (java.util.logging holds them weakly). */
    private static final java.util.logging.Logger EXECUTOR_LOG =
            java.util.logging.Logger.getLogger("org.ferrum.pipeline.PipelineExecutor");

    static void configure(boolean verbose) {
        Configurator.setRootLevel(verbose ? Level.INFO : Level.WARN);
        // A failing node's stack trace: the task's reason is in the summary and failure.txt already.
        EXECUTOR_LOG.setLevel(verbose ? java.util.logging.Level.INFO : java.util.logging.Level.SEVERE);
    }
}
