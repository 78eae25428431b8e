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
package org.ferrum.welcome;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WelcomePageTest {

    @Test
    void listsEveryModuleAndFormatItIsGiven() {
        String html = WelcomePage.html(
                List.of(new InstalledCapabilities.FerrumModule(
                        "org.ferrum.qsm", "Ferrum QSM", "Dipole inversion", "0.1.0")),
                List.of("NIfTI", "DICOM"),
                List.of("NIfTI"));
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
                List.of(new InstalledCapabilities.FerrumModule("org.ferrum.x", "X", "a <script> & b", "1")),
                List.of(),
                List.of());
        assertTrue(html.contains("a &lt;script&gt; &amp; b"));
        assertFalse(html.contains("<script>"));
    }
}
