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
package org.ferrum.pipeline.view;

/**
 * Shows one result of a pipeline run where the user clicks its output pin in the editor, as KNIME's port views do:
 * implementations are found through Lookup ({@code @ServiceProvider(service = ResultPresenter.class, position = …)}), so
 * the editor shows volumes in the image viewer without depending on the viewer module, and the viewer implements this
 * interface without depending on the editor (the editor asks the presenters in {@code org.ferrum.pipeline.editor.ResultViews}).
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
}
