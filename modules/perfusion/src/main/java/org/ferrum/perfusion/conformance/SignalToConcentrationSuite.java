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
package org.ferrum.perfusion.conformance;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ferrum.core.conformance.ConformanceCase;
import org.ferrum.core.conformance.ConformanceFile;
import org.ferrum.core.conformance.ConformanceReport;
import org.ferrum.core.conformance.ConformanceSuite;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.perfusion.concentration.SignalToConcentration;
import org.openide.util.lookup.ServiceProvider;

/**
 * OSIPI signal-to-concentration reference ({@code SI2Conc_data.csv}: label, FA (deg), TR (s), T1base (s),
 * numbaselinepts, r1 (1/s/mM), s (list), conc (mM, list)), through {@link SignalToConcentration#curve}. The reference
 * baseline averages samples 1 … numbaselinepts − 1 (it skips sample 0), so the same frames are used here. One case per
 * curve: the sample with the largest error relative to the tolerance 1e-5 + 1e-5·|ref|.
 */
@ServiceProvider(service = ConformanceSuite.class)
public final class SignalToConcentrationSuite implements ConformanceSuite {

    static final double ATOL = 1e-5;
    static final double RTOL = 1e-5;

    @Override
    public String name() {
        return "OSIPI DCE: signal to concentration";
    }

    @Override
    public boolean accepts(ConformanceFile file) {
        return file.hasColumns("label", "FA", "TR", "T1base", "numbaselinepts", "r1", "s", "conc");
    }

    @Override
    public ConformanceReport run(ConformanceFile file, Cancellation cancellation) throws IOException {
        List<ConformanceCase> cases = new ArrayList<>();
        for (CsvRows.Row row : CsvRows.read(file.path())) {
            cancellation.throwIfCancelled("conformance " + file.fileName());
            double[] s = row.numbers("s");
            double[] ref = row.numbers("conc");
            if (s.length != ref.length || s.length < 2) {
                throw new IOException(file.path() + " line " + row.line() + ": " + s.length + " signals, " + ref.length
                        + " concentrations");
            }
            int nb = (int) row.number("numbaselinepts");
            int start = nb >= 2 ? 1 : 0;
            int count = nb >= 2 ? nb - 1 : 1;
            SignalToConcentration.Params params = SignalToConcentration.Params.DEFAULTS.withBaseline(start, count);
            double[] c = SignalToConcentration.curve(
                    s, row.number("T1base"), row.number("FA"), row.number("TR"), row.number("r1"), params);
            cases.add(worst(row.text("label"), "concentration (mM)", ref, c, ATOL, RTOL));
        }
        return new ConformanceReport(
                name(), file.path(), cases, List.of("baseline: samples 1..numbaselinepts-1, as the reference"));
    }

    /** The sample with the largest error over tolerance, as one case. */
    static ConformanceCase worst(String label, String quantity, double[] ref, double[] got, double atol, double rtol) {
        int worst = 0;
        double ratio = -1;
        for (int i = 0; i < ref.length; i++) {
            double e = Double.isFinite(got[i]) ? Math.abs(got[i] - ref[i]) : Double.POSITIVE_INFINITY;
            double r = e / (atol + rtol * Math.abs(ref[i]));
            if (r > ratio) {
                ratio = r;
                worst = i;
            }
        }
        return new ConformanceCase(
                label,
                quantity,
                ref[worst],
                got[worst],
                atol,
                rtol,
                true,
                String.format(Locale.ROOT, "worst of %d samples: #%d", ref.length, worst));
    }
}
