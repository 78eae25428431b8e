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
