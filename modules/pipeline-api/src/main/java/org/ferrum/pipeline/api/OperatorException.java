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

/**
 * A failure an operator reports to the user: the message says what is wrong in the user's terms
 * (e.g. "mask and magnitude differ in size: 64×64×32 vs 64×64×30"). {@link #isBadInput()} separates
 * bad input data (the headless runner exits with status 2) from other failures (status 1).
 */
public class OperatorException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean badInput;

    public OperatorException(String message, boolean badInput, Throwable cause) {
        super(message, cause);
        this.badInput = badInput;
    }

    /** The input data cannot be processed (wrong sizes, units, NaNs, unreadable file). */
    public static OperatorException badInput(String message) {
        return new OperatorException(message, true, null);
    }

    /** As {@link #badInput(String)}, keeping the underlying cause. */
    public static OperatorException badInput(String message, Throwable cause) {
        return new OperatorException(message, true, cause);
    }

    /** The computation failed for another reason (e.g. did not converge). */
    public static OperatorException failure(String message, Throwable cause) {
        return new OperatorException(message, false, cause);
    }

    public boolean isBadInput() {
        return badInput;
    }
}
