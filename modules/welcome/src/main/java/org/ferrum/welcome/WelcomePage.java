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

import java.util.List;

/**
 * The welcome page's HTML: what Ferrum is for, what the installed modules do, and what is planned.
 * Kept apart from the window so it can be checked without a display.
 */
public final class WelcomePage {

    private WelcomePage() {}

    /**
     * Builds the page for the given installed modules and the volume formats that registered readers and
     * writers handle.
     */
    public static String html(
            List<InstalledCapabilities.FerrumModule> modules, List<String> readable, List<String> writable) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("<html><body style='font-family: sans-serif; margin: 18px;'>");
        sb.append("<h1 style='color: #8a3b16;'>Ferrum</h1>");
        sb.append(
                        "<p style='font-size: 1.1em;'>A research IDE for <b>quantitative MRI of iron and of tumour response</b>: ")
                .append("compose reconstruction pipelines, compare susceptibility (QSM) with R2*, and follow ")
                .append(
                        "liver iron, brain iron and tumour parameters over time — interactively and headless over whole cohorts.</p>");

        sb.append("<h2>What it is for</h2><ul>")
                .append(
                        "<li><b>Liver iron (LIC)</b> in transfusional iron overload: liver QSM with fat–water separation against R2*, ")
                .append("LIC in mg Fe/g dry weight, annual change against transfused iron and chelator dose.</li>")
                .append("<li><b>Brain iron</b> in haemodialysis: QSM of the deep grey nuclei across visits.</li>")
                .append(
                        "<li><b>Tumour and spinal-cord qMRI</b> after stereotactic radiotherapy: DCE (K<sup>trans</sup>, v<sub>e</sub>, v<sub>p</sub>), ")
                .append("T1, ADC, T2 and marrow fat fraction over time.</li>")
                .append(
                        "<li><b>Iron-oxide tracers</b>: USPIO-enhanced lymph-node MRI and magnetic particle imaging of labelled cells.</li>")
                .append("</ul>");

        sb.append("<h2>What this installation can do today</h2>");
        if (modules.isEmpty()) {
            sb.append("<p><i>No Ferrum modules are enabled.</i></p>");
        } else {
            sb.append("<table cellpadding='4'>");
            for (InstalledCapabilities.FerrumModule m : modules) {
                sb.append("<tr><td valign='top'><b>")
                        .append(escape(m.displayName()))
                        .append("</b><br><span style='font-size: 90%; color: #666666;'>")
                        .append(escape(m.codeNameBase()))
                        .append(' ')
                        .append(escape(m.specificationVersion()))
                        .append("</span></td><td valign='top'>")
                        .append(escape(m.description()))
                        .append("</td></tr>");
            }
            sb.append("</table>");
        }
        sb.append("<p><b>Reads:</b> ")
                .append(readable.isEmpty() ? "<i>no volume format</i>" : escape(String.join(", ", readable)))
                .append(" &nbsp; <b>Writes:</b> ")
                .append(writable.isEmpty() ? "<i>no volume format</i>" : escape(String.join(", ", writable)))
                .append("</p>");

        sb.append("<h2>Coming next</h2><p>Not available yet — planned in this order: ")
                .append("tumour qMRI pipelines (DCE, ADC, T1); ROI editing with several labels.</p>");
        sb.append(
                "<p><span style='font-size: 90%; color: #666666;'>For research use only; not a medical device.</span></p>");
        sb.append("</body></html>");
        return sb.toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
