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
import java.util.Arrays;
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
 * OSIPI variable-flip-angle T1 files without B1 ({@code t1_brain_data.csv}, {@code t1_quiba_data.csv}; columns label,
 * FA, TR, s, R1, s0): R1 from Ferrum's nonlinear VFA fit ({@link VfaFit}, what {@code relax.t1.vfa} runs by default)
 * against the file's R1, which the suite made with a nonlinear fit. Pass if |R1 − ref| ≤ 0.05 + 0.05·|ref| in the
 * file's unit.
 *
 * <p>Units are read from the values, not the file name: TR in s unless any TR exceeds 1 (then ms); reference R1 in 1/s
 * unless the file's median R1 is below 0.05 (then 1/ms: no tissue has T1 > 20 s). The brain file is in 1/s, the QIBA
 * file in 1/ms; the report's notes say which was used. s0 is listed but not judged (the suite's tolerance is for R1).
 */
@ServiceProvider(service = ConformanceSuite.class)
public final class OsipiVfaSuite implements ConformanceSuite {

    static final double ATOL = 0.05;
    static final double RTOL = 0.05;

    @Override
    public String name() {
        return "OSIPI T1: variable flip angle";
    }

    @Override
    public boolean accepts(ConformanceFile file) {
        return file.hasColumns("label", "FA", "TR", "s", "R1", "s0") && !file.hasColumns("B1");
    }

    @Override
    public ConformanceReport run(ConformanceFile file, Cancellation cancellation) throws IOException {
        OsipiT1Csv csv = new OsipiT1Csv(file);
        int label = csv.column("label");
        int fa = csv.column("FA");
        int tr = csv.column("TR");
        int s = csv.column("s");
        int r1Column = csv.column("R1");
        int s0Column = csv.column("s0");
        List<String> notes = new ArrayList<>();
        double trScale = 1;
        double[] references = new double[csv.size()];
        for (int row = 0; row < csv.size(); row++) {
            for (double t : csv.numbers(row, tr)) {
                trScale = t > 1 ? 1e-3 : trScale;
            }
            references[row] = csv.number(row, r1Column);
        }
        double[] sorted = references.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        boolean perMs = median < 0.05;
        notes.add(trScale == 1 ? "TR read in s (every TR ≤ 1)" : "TR read in ms (a TR > 1)");
        notes.add(String.format(
                Locale.ROOT,
                perMs
                        ? "R1 read in 1/ms (median reference R1 %.3g < 0.05: as 1/s that would be T1 > 20 s); tolerance"
                                + " atol 0.05 1/ms as the suite states it"
                        : "R1 read in 1/s (median reference R1 %.3g ≥ 0.05)",
                median));
        String quantity = perMs ? "R1 (1/ms)" : "R1 (1/s)";
        List<ConformanceCase> cases = new ArrayList<>();
        for (int row = 0; row < csv.size(); row++) {
            cancellation.throwIfCancelled("OSIPI T1 conformance");
            double[] angles = csv.numbers(row, fa);
            double[] trs = csv.numbers(row, tr);
            double[] signal = csv.numbers(row, s);
            String name = csv.text(row, label);
            if (angles.length != signal.length || trs.length != signal.length) {
                throw csv.error(
                        csv.line(row),
                        "FA, TR and s hold " + angles.length + ", " + trs.length + " and " + signal.length
                                + " values; they must match");
            }
            VfaFit fit = new VfaFit(angles, trs[0] * trScale, 1e-4, 1e4);
            FitStatus status = fit.fit(signal, 1, VfaFit.Method.NONLINEAR);
            double r1 = status.usable() ? fit.r1() : Double.NaN;
            cases.add(ConformanceCase.judged(name, quantity, references[row], perMs ? r1 / 1000 : r1, ATOL, RTOL));
            cases.add(new ConformanceCase(
                    name,
                    "s0 (a.u.)",
                    csv.number(row, s0Column),
                    status.usable() ? fit.m0() : Double.NaN,
                    0,
                    0,
                    false,
                    "not judged: the suite's tolerance is for R1"));
        }
        return new ConformanceReport(name(), file.path(), cases, notes);
    }
}
