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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ferrum.core.conformance.ConformanceCase;
import org.ferrum.core.conformance.ConformanceFile;
import org.ferrum.core.conformance.ConformanceReport;
import org.ferrum.core.conformance.ConformanceSuite;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.perfusion.aif.ParkerAif;
import org.ferrum.perfusion.aif.PopulationAif;
import org.openide.util.lookup.ServiceProvider;

/**
 * OSIPI Parker AIF references: {@code ParkerAIF_ref.csv} (label, time in min, Cb whole blood in mM, delay in s), the
 * curve {@link PopulationAif#PARKER_2006} sampled at t − delay, one case per label (its worst sample; tolerance 1e-4 +
 * 0.01·|ref|, or 0.1 + 0.1·|ref| for a delayed curve, as the suite does); and {@code ParkerAIF.csv} (Parameter, A1 …
 * tau), whose values must be the published ones this code uses.
 */
@ServiceProvider(service = ConformanceSuite.class)
public final class ParkerAifSuite implements ConformanceSuite {

    private static final String[] PARAMETERS = {"A1", "sigma1", "T1", "A2", "sigma2", "T2", "alpha", "beta", "s", "tau"
    };

    @Override
    public String name() {
        return "OSIPI DCE: Parker AIF";
    }

    @Override
    public boolean accepts(ConformanceFile file) {
        return file.hasColumns("label", "time", "Cb", "delay") || file.hasColumns(PARAMETERS);
    }

    @Override
    public ConformanceReport run(ConformanceFile file, Cancellation cancellation) throws IOException {
        return file.hasColumns("label", "time", "Cb", "delay") ? curves(file, cancellation) : parameters(file);
    }

    private ConformanceReport curves(ConformanceFile file, Cancellation cancellation) throws IOException {
        Map<String, List<double[]>> byLabel = new LinkedHashMap<>();
        for (CsvRows.Row row : CsvRows.read(file.path())) {
            byLabel.computeIfAbsent(row.text("label"), k -> new ArrayList<>())
                    .add(new double[] {row.number("time"), row.number("Cb"), row.number("delay")});
        }
        List<ConformanceCase> cases = new ArrayList<>();
        for (Map.Entry<String, List<double[]>> e : byLabel.entrySet()) {
            cancellation.throwIfCancelled("conformance " + file.fileName());
            List<double[]> rows = e.getValue();
            double[] ref = new double[rows.size()];
            double[] got = new double[rows.size()];
            boolean delayed = false;
            for (int i = 0; i < ref.length; i++) {
                double[] r = rows.get(i);
                ref[i] = r[1];
                got[i] = PopulationAif.PARKER_2006.concentration(r[0] * 60 - r[2]);
                delayed |= r[2] != 0;
            }
            double atol = delayed ? 0.1 : 1e-4;
            double rtol = delayed ? 0.1 : 0.01;
            cases.add(SignalToConcentrationSuite.worst(e.getKey(), "Cb (mM)", ref, got, atol, rtol));
        }
        return new ConformanceReport(name(), file.path(), cases, List.of("time in min; delay in s"));
    }

    private ConformanceReport parameters(ConformanceFile file) throws IOException {
        ParkerAif.Params p = ParkerAif.Params.PUBLISHED;
        double[] ours = {p.a1(), p.sigma1(), p.t1(), p.a2(), p.sigma2(), p.t2(), p.alpha(), p.beta(), p.s(), p.tau()};
        List<ConformanceCase> cases = new ArrayList<>();
        for (CsvRows.Row row : CsvRows.read(file.path())) {
            for (int i = 0; i < PARAMETERS.length; i++) {
                cases.add(ConformanceCase.judged(
                        row.text("Parameter") + " " + PARAMETERS[i],
                        "Parker 2006 parameter",
                        row.number(PARAMETERS[i]),
                        ours[i],
                        1e-9,
                        1e-6));
            }
        }
        return new ConformanceReport(name(), file.path(), cases, List.of());
    }
}
