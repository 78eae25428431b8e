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
package org.ferrum.pipeline.api;

import java.util.Map;
import java.util.TreeMap;
import org.ferrum.core.labels.LabelTable;

/**
 * The {@code label_names} parameter shared by the region-measurement operators ({@code liver.measurements},
 * {@code roi.measurements}): names of the labels of a label map written {@code "1=tumour,2=normal marrow"}.
 *
 * <p>Contract: entries are separated by commas; each is {@code LABEL=NAME} with LABEL a whole number &gt; 0 and NAME
 * not blank (both trimmed); a label named twice is refused. A blank text names nothing. A label without a name is
 * called {@link #nameOf "label N"}.
 */
public final class LabelNames {

    private LabelNames() {}

    /**
     * Reads "1=liver,2=spleen" given on parameter {@code parameter}.
     *
     * @return label → name, labels ascending
     * @throws OperatorException bad input naming the parameter and the bad entry
     */
    public static Map<Integer, String> parse(String parameter, String text) throws OperatorException {
        Map<Integer, String> names = new TreeMap<>();
        if (text == null || text.isBlank()) {
            return names;
        }
        for (String entry : text.split(",")) {
            String[] kv = entry.split("=", 2);
            Integer key = null;
            if (kv.length == 2) {
                try {
                    key = Integer.valueOf(kv[0].trim());
                } catch (NumberFormatException e) {
                    key = null;
                }
            }
            if (key == null || key <= 0 || kv[1].isBlank()) {
                throw OperatorException.badInput("parameter '" + parameter + "': '" + entry.trim()
                        + "' is not of the form LABEL=NAME with a whole LABEL > 0 (e.g. '1=liver,2=spleen')");
            }
            if (names.put(key, kv[1].trim()) != null) {
                throw OperatorException.badInput("parameter '" + parameter + "' names label " + key + " twice");
            }
        }
        return names;
    }

    /**
     * The names of a label map's labels: its legend's ({@link org.ferrum.core.Volume#labels()}), with those given on
     * {@code parameter} (as {@link #parse}) winning label by label — so a blank parameter takes the legend's names
     * from FreeSurfer, FIRST or a dseg.tsv, and "12=putamen L" renames one label and keeps the rest.
     *
     * @return label → name, labels ascending
     * @throws OperatorException bad input naming the parameter and the bad entry
     */
    public static Map<Integer, String> parse(String parameter, String text, LabelTable legend)
            throws OperatorException {
        Map<Integer, String> names = new TreeMap<>();
        legend.entries().forEach(e -> names.put(e.value(), e.name()));
        names.putAll(parse(parameter, text));
        return names;
    }

    /** The name of {@code label}: its entry in {@code names}, else "label N". */
    public static String nameOf(Map<Integer, String> names, int label) {
        return names.getOrDefault(label, "label " + label);
    }
}
