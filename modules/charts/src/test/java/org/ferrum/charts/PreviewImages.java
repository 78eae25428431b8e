package org.ferrum.charts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ferrum.core.statistics.RepeatabilityCoefficient;

/** Writes the four sample charts as PNG (and the first as SVG, PDF) to a folder, to look at: {@code java ... PreviewImages DIR}. */
final class PreviewImages {

    private PreviewImages() {
    }

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
