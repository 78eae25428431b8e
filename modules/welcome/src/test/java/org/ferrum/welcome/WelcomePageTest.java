package org.ferrum.welcome;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WelcomePageTest {

    @Test
    void listsEveryModuleAndFormatItIsGiven() {
        String html = WelcomePage.html(
                List.of(new InstalledCapabilities.FerrumModule("org.ferrum.qsm", "Ferrum QSM", "Dipole inversion", "0.1.0")),
                List.of("NIfTI", "DICOM"), List.of("NIfTI"));
        assertTrue(html.contains("Ferrum QSM"));
        assertTrue(html.contains("Dipole inversion"));
        assertTrue(html.contains("<b>Reads:</b> NIfTI, DICOM"));
        assertTrue(html.contains("<b>Writes:</b> NIfTI"));
    }

    @Test
    void saysSoWhenNothingIsInstalled() {
        String html = WelcomePage.html(List.of(), List.of(), List.of());
        assertTrue(html.contains("No Ferrum modules are enabled"));
        assertTrue(html.contains("<b>Reads:</b> <i>no volume format</i>"));
    }

    @Test
    void escapesMarkupInModuleDescriptions() {
        String html = WelcomePage.html(
                List.of(new InstalledCapabilities.FerrumModule("org.ferrum.x", "X", "a <script> & b", "1")), List.of(), List.of());
        assertTrue(html.contains("a &lt;script&gt; &amp; b"));
        assertFalse(html.contains("<script>"));
    }
}
