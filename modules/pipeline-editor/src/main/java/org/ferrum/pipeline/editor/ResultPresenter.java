package org.ferrum.pipeline.editor;

import java.util.Collection;
import java.util.Optional;
import org.ferrum.pipeline.NodeRun;
import org.ferrum.pipeline.ResultCache;

/**
 * Shows one result of a pipeline run where the user clicks its output pin in the editor, as KNIME's port views do:
 * implementations are found through Lookup ({@code @ServiceProvider(service = ResultPresenter.class, position = …)}), so
 * the editor shows volumes in the image viewer without depending on the viewer module.
 *
 * <p>Contract:
 * <ul>
 * <li>{@link #accepts} is a total, side-effect-free predicate over any object (null included): it returns true exactly
 *     for the values {@link #present} can show, and never throws. For a given value it always gives the same answer.</li>
 * <li>{@link #present} is called only on the event thread and only with a value for which {@link #accepts} returned
 *     true. It shows the value in a window (opening or reusing one) and returns; it must not change the value, which
 *     is shared with the editor's result cache and later runs.</li>
 * <li>Presenters are asked in Lookup order (ascending {@code position}); the first that accepts a value shows it and
 *     no other is asked. The editor's own table view has position 200; a more specific presenter takes a lower one.</li>
 * </ul>
 */
public interface ResultPresenter {

    /** True if {@link #present} can show {@code value} (see the contract). */
    boolean accepts(Object value);

    /**
     * Shows a result.
     *
     * @param title what it is, e.g. "stats of roi (Brain QSM, 14:03:12)"
     * @param value a value this presenter accepts
     */
    void present(String title, Object value);

    /**
     * Shows the result on one output port of a node from its last successful run, still in the cache, with the first
     * presenter that accepts it.
     *
     * @return what happened, in words for the status line
     */
    static String showResult(PipelineRunController runs, ResultCache cache, PipelineScene.Pin pin,
            Collection<? extends ResultPresenter> presenters) {
        Optional<NodeRun> run = runs.lastRun(pin.node());
        if (run.isEmpty() || !run.get().succeeded()) {
            return pin.node() + " has no results yet: run it first";
        }
        var outputs = cache.outputsOf(run.get().cacheKey());
        if (outputs.isEmpty()) {
            return pin.node() + "'s results are no longer in the cache: run it again";
        }
        Object value = outputs.get().get(pin.port());
        if (value == null) {
            return pin.node() + " produced no '" + pin.port() + "' in its last run";
        }
        if (value instanceof org.ferrum.pipeline.api.Scalar s) {
            return pin.ref() + " = " + s;
        }
        String title = pin.ref() + " (" + runs.document().pipeline().name() + ", "
                + java.time.LocalTime.now().withNano(0) + ")";
        for (ResultPresenter p : presenters) {
            if (p.accepts(value)) {
                p.present(title, value);
                return "showing " + pin.ref();
            }
        }
        return "no installed view can show " + pin.ref() + " (" + value.getClass().getSimpleName() + ")";
    }
}
