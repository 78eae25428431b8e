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
package org.ferrum.relaxometry.t1;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ferrum.core.conformance.ConformanceCase;
import org.ferrum.core.conformance.ConformanceFile;
import org.ferrum.core.conformance.ConformanceReport;
import org.ferrum.core.conformance.ConformanceSuite;
import org.ferrum.core.fit.FitStatus;
import org.ferrum.core.parallel.Cancellation;
import org.openide.util.lookup.ServiceProvider;

/**
 * OSIPI variable-flip-angle T1 files with a B1 column ({@code t1_prostate_data.csv}; columns label, FA (deg), TR (ms),
 * s, B1 (% of nominal), then T1 (ms) and s0 of four reference fits: "T1 linear", "T1 nonlinear", "T1 linear B1cor", "T1
 * nonlinear B1cor"). Every T1 column the file carries is judged against the matching Ferrum fit ({@link VfaFit}: DESPOT1
 * for linear, Levenberg–Marquardt for nonlinear; "B1cor" with the effective angle nominal × B1/100, the others with the
 * nominal angles). Pass if |T1 − ref| ≤ 0.05 ms + 0.05·|ref|.
 *
 * <p>Units from the values: TR in ms unless every TR is ≤ 1 (then s); B1 in % when the file's median B1 exceeds 10,
 * else a ratio. The notes say which was used.
 */
@ServiceProvider(service = ConformanceSuite.class)
public final class OsipiVfaB1Suite implements ConformanceSuite {

    /** A reference fit the file may carry. */
    private record Reference(String column, VfaFit.Method method, boolean b1Corrected) {}

    private static final List<Reference> REFERENCES = List.of(
            new Reference("T1 linear", VfaFit.Method.DESPOT1, false),
            new Reference("T1 nonlinear", VfaFit.Method.NONLINEAR, false),
            new Reference("T1 linear B1cor", VfaFit.Method.DESPOT1, true),
            new Reference("T1 nonlinear B1cor", VfaFit.Method.NONLINEAR, true));

    @Override
    public String name() {
        return "OSIPI T1: variable flip angle with B1";
    }

    @Override
    public boolean accepts(ConformanceFile file) {
        if (!file.hasColumns("label", "FA", "TR", "s", "B1")) {
            return false;
        }
        for (Reference r : REFERENCES) {
            if (file.hasColumns(r.column())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public ConformanceReport run(ConformanceFile file, Cancellation cancellation) throws IOException {
        OsipiT1Csv csv = new OsipiT1Csv(file);
        int label = csv.column("label");
        int fa = csv.column("FA");
        int tr = csv.column("TR");
        int s = csv.column("s");
        int b1 = csv.column("B1");
        boolean trInMs = false;
        float[] b1Values = new float[csv.size()];
        for (int row = 0; row < csv.size(); row++) {
            for (double t : csv.numbers(row, tr)) {
                trInMs |= t > 1;
            }
            b1Values[row] = (float) csv.number(row, b1);
        }
        double median = RelativeFlipAngle.median(b1Values, null);
        RelativeFlipAngle.Scale scale = RelativeFlipAngle.detect(median);
        List<String> notes = new ArrayList<>();
        notes.add(trInMs ? "TR read in ms (a TR > 1)" : "TR read in s (every TR ≤ 1)");
        notes.add(String.format(
                Locale.ROOT,
                "B1 read as %s (median %.4g)",
                scale == RelativeFlipAngle.Scale.PERCENT ? "% of nominal" : "a ratio",
                median));
        List<Reference> present = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        for (Reference r : REFERENCES) {
            if (csv.column(r.column()) >= 0) {
                present.add(r);
            } else {
                absent.add(r.column());
            }
        }
        if (!absent.isEmpty()) {
            notes.add("not in the file, so not judged: " + String.join(", ", absent));
        }
        List<ConformanceCase> cases = new ArrayList<>();
        for (int row = 0; row < csv.size(); row++) {
            cancellation.throwIfCancelled("OSIPI T1 conformance");
            double[] angles = csv.numbers(row, fa);
            double[] trs = csv.numbers(row, tr);
            double[] signal = csv.numbers(row, s);
            if (angles.length != signal.length || trs.length != signal.length) {
                throw csv.error(
                        csv.line(row),
                        "FA, TR and s hold " + angles.length + ", " + trs.length + " and " + signal.length
                                + " values; they must match");
            }
            double repetitionTime = trs[0] * (trInMs ? 1e-3 : 1);
            double kappa = scale == RelativeFlipAngle.Scale.PERCENT ? b1Values[row] / 100.0 : b1Values[row];
            VfaFit fit = new VfaFit(angles, repetitionTime, 1e-4, 1e4);
            for (Reference r : present) {
                FitStatus status = fit.fit(signal, r.b1Corrected() ? kappa : 1.0, r.method());
                double t1Ms = status.usable() ? 1000 / fit.r1() : Double.NaN;
                cases.add(ConformanceCase.judged(
                        csv.text(row, label),
                        r.column() + " (ms)",
                        csv.number(row, csv.column(r.column())),
                        t1Ms,
                        OsipiVfaSuite.ATOL,
                        OsipiVfaSuite.RTOL));
            }
        }
        return new ConformanceReport(name(), file.path(), cases, notes);
    }
}
