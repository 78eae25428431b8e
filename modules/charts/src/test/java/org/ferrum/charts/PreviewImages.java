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
package org.ferrum.charts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ferrum.core.statistics.RepeatabilityCoefficient;

/** Writes the four sample charts as PNG (and the first as SVG, PDF) to a folder, to look at: {@code java ... PreviewImages DIR}. */
final class PreviewImages {

    private PreviewImages() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/chart-preview");
        Files.createDirectories(dir);
        List<PlottedChart> charts = List.of(
                LicOverTimeChart.create("FE-001", Cohort.licVisits()),
                IronBalanceChart.create(Cohort.ironBalance()),
                TumourResponseChart.create("ADC", Cohort.tumour(), RepeatabilityCoefficient.given(15)),
                BlandAltmanChart.create("LIC from QSM against LIC from R2*", Cohort.licVisits()));
        String[] names = {"lic-over-time", "iron-balance", "tumour-response", "bland-altman"};
        for (int i = 0; i < charts.size(); i++) {
            ChartExport.write(charts.get(i), dir.resolve(names[i] + ".png"));
        }
        ChartExport.write(charts.get(0), dir.resolve("lic-over-time.svg"));
        ChartExport.write(charts.get(0), dir.resolve("lic-over-time.pdf"));
        ChartExport.write(charts.get(0), dir.resolve("lic-over-time.csv"));
    }
}
