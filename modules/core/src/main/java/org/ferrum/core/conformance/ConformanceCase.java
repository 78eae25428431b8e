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

/**
 * One judged value of a reference case: pass if |measured − reference| ≤ atol + rtol·|reference| (the rule the OSIPI
 * code collections use), and the measured value is finite.
 *
 * @param label the case as the file names it (e.g. "test_vox_T1_0", "Liver")
 * @param quantity what is compared, with its unit (e.g. "Ktrans (1/min)")
 * @param reference the file's reference value
 * @param measured Ferrum's value
 * @param atol absolute tolerance, in the quantity's unit
 * @param rtol relative tolerance
 * @param judged false when the suite's rules leave this value unjudged (e.g. IVIM D* where f &lt; 0.03); it then
 *     always passes and does not count towards the worst error
 * @param note why a value is not judged, or other remarks; empty if none
 */
public record ConformanceCase(
        String label,
        String quantity,
        double reference,
        double measured,
        double atol,
        double rtol,
        boolean judged,
        String note) {

    /** A judged case with no note. */
    public static ConformanceCase judged(
            String label, String quantity, double reference, double measured, double atol, double rtol) {
        return new ConformanceCase(label, quantity, reference, measured, atol, rtol, true, "");
    }

    /** The allowed error atol + rtol·|reference|. */
    public double tolerance() {
        return atol + rtol * Math.abs(reference);
    }

    /** |measured − reference| (NaN/∞ when the measured value is not finite). */
    public double error() {
        return Double.isFinite(measured) ? Math.abs(measured - reference) : Double.POSITIVE_INFINITY;
    }

    /** The error as a fraction of the tolerance: ≤ 1 passes. 0 for an unjudged case. */
    public double errorOverTolerance() {
        if (!judged) {
            return 0;
        }
        double t = tolerance();
        return t > 0 ? error() / t : (error() == 0 ? 0 : Double.POSITIVE_INFINITY);
    }

    public boolean passed() {
        return !judged || errorOverTolerance() <= 1.0;
    }
}
