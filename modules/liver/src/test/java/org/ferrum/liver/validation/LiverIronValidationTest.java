package org.ferrum.liver.validation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.ferrum.liver.phantom.LiverIronPhantom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full liver study (slow; {@code mvn -P validation}): liver-hqsm.json on {@link LiverIronPhantom} at 1.5 and 3 T,
 * two seeds (noise and SNR differ), LIC 1–25 mg/g dry crossed with PDFF 0–40 % over three cases of three regions.
 */
@Tag("validation")
class LiverIronValidationTest {

    /** LIC (mg/g dry) and PDFF (0…1) of the three regions per case. */
    static final double[][][] CASES = {
        {{1, 3, 2}, {0.30, 0.03, 0.15}},
        {{6, 12, 9}, {0.0, 0.40, 0.20}},
        {{25, 15, 20}, {0.03, 0.12, 0.30}},
    };

    @TempDir
    Path tmp;

    @Test
    void licFromQsmAcrossIronFatFieldAndSeeds() throws Exception {
        Path pipeline = Path.of(System.getProperty("ferrum.pipeline", LiverIronStudy.PIPELINE.toString()));
        List<LiverIronStudy.Row> rows = new ArrayList<>();
        StringBuilder table = new StringBuilder(LiverIronStudy.HEADER).append('\n');
        for (double b0 : new double[]{1.5, 3.0}) {
            for (long seed : new long[]{1, 2}) {
                for (int c = 0; c < CASES.length; c++) {
                    LiverIronPhantom p = LiverIronPhantom.builder().fieldStrength(b0).liver(CASES[c][0], CASES[c][1])
                            .snr(seed == 1 ? 50 : 30).seed(seed * 100 + c).build();
                    LiverIronStudy.Result r = LiverIronStudy.run(p, seed, tmp.resolve(b0 + "-" + seed + "-" + c), Map.of(), pipeline);
                    for (LiverIronStudy.Row row : r.rows()) {
                        rows.add(row);
                        table.append(row.format()).append('\n');
                        System.out.println(row.format());
                    }
                }
            }
        }
        System.out.println(table);
        List<String> failures = new ArrayList<>();
        for (LiverIronStudy.Row row : rows) {
            if (!row.withinTarget()) {
                failures.add(row.format());
            }
        }
        // monotonic in LIC within each field strength and seed
        for (double b0 : new double[]{1.5, 3.0}) {
            for (long seed : new long[]{1, 2}) {
                List<LiverIronStudy.Row> set = rows.stream().filter(r -> r.b0() == b0 && r.seed() == seed)
                        .sorted(Comparator.comparingDouble(LiverIronStudy.Row::lic)).toList();
                for (int i = 1; i < set.size(); i++) {
                    if (!(set.get(i).licQsm() > set.get(i - 1).licQsm())) {
                        failures.add("not monotonic at " + b0 + " T seed " + seed + ": " + set.get(i - 1).format() + " then "
                                + set.get(i).format());
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " failures:\n" + String.join("\n", failures));
    }
}
