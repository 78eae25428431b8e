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
package org.ferrum.pipeline.ops;

import org.ferrum.core.parallel.Cancellation;
import org.ferrum.pipeline.api.OperatorContext;

/**
 * One stage of an operator's run: its share [{@code start}, {@code end}] of the node's progress bar
 * and the status message shown while it runs. Reporting fraction f of the stage reports
 * {@code start + f·(end − start)} to the context.
 */
record Stage(OperatorContext context, String message, double start, double end) {

    /** A stage that is the whole run. */
    static Stage whole(OperatorContext context, String message) {
        return new Stage(context, message, 0, 1);
    }

    void report(double fraction) {
        context.progress(start + Math.min(1, Math.max(0, fraction)) * (end - start), message);
    }

    Cancellation cancellation() {
        return context.cancellation();
    }
}
