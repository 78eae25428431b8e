package org.ferrum.liver.validation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.ferrum.liver.phantom.LiverIronPhantom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * liver-hqsm.json on a small {@link LiverIronPhantom} (coarse grid, one region set, 1.5 T): field simulated on a 2× finer
 * grid with intra-voxel dephasing, truth constants different from the pipeline's defaults and passed as its inputs.
 */
class LiverIronQsmTest {

    @TempDir
    Path tmp;

    @Test
    void licFromQsmOnTheIndependentAbdomen() throws Exception {
        Path pipeline = Path.of(System.getProperty("ferrum.pipeline", LiverIronStudy.PIPELINE.toString()));
        double b0 = Double.parseDouble(System.getProperty("ferrum.b0", "1.5"));
        LiverIronPhantom p = LiverIronPhantom.builder().fieldStrength(b0).size(48, 36, 16).spacing(7.3, 7.3, 9.4)
                .liver(new double[]{3, 12, 25}, new double[]{0.30, 0.03, 0.12}).seed(7).build();
        LiverIronStudy.Result r = LiverIronStudy.run(p, 7, tmp, Map.of(), pipeline);
        System.out.println(LiverIronStudy.HEADER);
        r.rows().forEach(row -> System.out.println(row.format()));
        System.out.printf("pipeline %.1f s%n", r.seconds());
        for (LiverIronStudy.Row row : r.rows()) {
            assertTrue(row.withinTarget(), row.format());
        }
    }
}
