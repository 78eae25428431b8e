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
package org.ferrum.pipeline.api;

import java.io.IOException;
import java.nio.file.Path;

/**
 * How a value of a module's own port type is saved as a named pipeline output, for the types the engine does not know
 * (volumes, tables, scalars and multi-echo GRE it writes itself). A module whose operators output such a type (a DCE
 * series with its frame times, an arterial input function) registers one with
 * {@code @ServiceProvider(service = OutputFormat.class)}; the headless runner and the editor's "save outputs" find it
 * through Lookup.
 *
 * <p>Contract: {@link #writes} is cheap and never throws; {@link #write} creates only files or folders whose names start
 * with {@code name} inside {@code folder}, writes them completely or throws (the runner publishes the folder only when
 * every output was written), and returns the main file's or folder's name relative to {@code folder}. What it writes
 * should be readable back by the module's own reader (e.g. a DCE series as 4-D NIfTI with a BIDS sidecar).
 */
public interface OutputFormat {

    /** Whether this format saves {@code value}. */
    boolean writes(Object value);

    /** Saves {@code value} as the output {@code name} in {@code folder}; returns the main file's name. */
    String write(String name, Object value, Path folder) throws IOException;
}
