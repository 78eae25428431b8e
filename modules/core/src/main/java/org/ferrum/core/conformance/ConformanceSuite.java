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
package org.ferrum.core.conformance;

import java.io.IOException;
import org.ferrum.core.parallel.Cancellation;

/**
 * A reference suite whose files Ferrum can check itself against (OSIPI DCE, T1, AIF and IVIM test data, and others),
 * registered with {@code @ServiceProvider(service = ConformanceSuite.class)} and run by {@code ferrum --nogui
 * --conformance DIR}.
 *
 * <p>Contract: {@link #accepts} decides from the file's name and header only (CSV column names, the start of a JSON
 * file) and never throws; {@link #run} computes every case of the file through the same code the operators use, and
 * compares with the file's reference values under the suite's tolerances, one {@link ConformanceCase} per case and
 * quantity. A file that {@link #accepts} said yes to but cannot be read is an {@link IOException} naming the file, the
 * line or case and what is wrong.
 */
public interface ConformanceSuite {

    /** Short name for tables, e.g. "OSIPI DCE: Tofts model". */
    String name();

    /** Whether this suite reads {@code file}. */
    boolean accepts(ConformanceFile file);

    /** Runs every case of {@code file}. */
    ConformanceReport run(ConformanceFile file, Cancellation cancellation) throws IOException;
}
