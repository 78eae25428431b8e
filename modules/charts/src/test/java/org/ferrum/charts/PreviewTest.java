package org.ferrum.charts;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Leaves the sample charts in target/chart-preview for a person to look at (the build's screenshots). */
class PreviewTest {

    @Test
    void writesPreviewImages() throws Exception {
        Path dir = Path.of("target", "chart-preview");
        PreviewImages.main(new String[] {dir.toString()});
        for (String name : new String[] {"lic-over-time.png", "iron-balance.png", "tumour-response.png", "bland-altman.png",
            "lic-over-time.svg", "lic-over-time.pdf", "lic-over-time.csv"}) {
            assertTrue(Files.size(dir.resolve(name)) > 100, name);
        }
    }
}
