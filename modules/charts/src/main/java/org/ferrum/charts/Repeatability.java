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

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ferrum.core.statistics.RepeatabilityCoefficient;

/**
 * Repeatability coefficients of the percent change of quantitative parameters, as data with their sources: the ±RC
 * band of the response chart. Read from {@code repeatability.tsv} next to this class.
 *
 * <p>Contract: per parameter (the map names of {@code roi.measurements}: t1, ktrans, kep, ve, vp, iauc60, adc, ivim_d,
 * ivim_f, ivim_dstar, pdff) either a within-subject coefficient of variation wCV in % — then RC = 2.77 × wCV
 * ({@link RepeatabilityCoefficient#ofWithinSubjectSd}, Bland &amp; Altman 1999; QIBA) — or a published RC in %
 * ({@link RepeatabilityCoefficient#given}), and the source it comes from. Parameters are matched case-insensitively.
 * These are literature figures for the nearest tissue found, not this site's own: a study with test–retest scans
 * should use {@link RepeatabilityCoefficient#ofPairs} instead.
 */
public final class Repeatability {

    /**
     * One parameter's repeatability.
     *
     * @param parameter   the map name, lower case
     * @param displayName how charts name it, e.g. "Ktrans"
     * @param wcvPercent  wCV in %, NaN if the RC was published directly
     * @param rc          the RC of the percent change, in %
     * @param source      where the figure comes from
     */
    public record Entry(
            String parameter, String displayName, double wcvPercent, RepeatabilityCoefficient rc, String source) {}

    private static final Map<String, Entry> ENTRIES = load();

    private Repeatability() {}

    /** The entry of {@code parameter}, if the table has one. */
    public static Optional<Entry> of(String parameter) {
        return Optional.ofNullable(ENTRIES.get(parameter.toLowerCase(Locale.ROOT)));
    }

    /** All entries, in the table's order. */
    public static List<Entry> all() {
        return List.copyOf(ENTRIES.values());
    }

    /** The display name of {@code parameter} ("ktrans" → "Ktrans"), the parameter itself if the table lacks it. */
    public static String displayName(String parameter) {
        return of(parameter).map(Entry::displayName).orElse(parameter);
    }

    static Map<String, Entry> parse(String text) {
        Map<String, Entry> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 5) {
                throw new IllegalStateException("repeatability.tsv: expected 5 tab-separated fields: " + line);
            }
            boolean hasWcv = !f[2].isBlank();
            double wcv = hasWcv ? Double.parseDouble(f[2]) : Double.NaN;
            RepeatabilityCoefficient rc = hasWcv
                    ? RepeatabilityCoefficient.ofWithinSubjectSd(wcv)
                    : RepeatabilityCoefficient.given(Double.parseDouble(f[3]));
            out.put(f[0].toLowerCase(Locale.ROOT), new Entry(f[0].toLowerCase(Locale.ROOT), f[1], wcv, rc, f[4]));
        }
        return out;
    }

    private static Map<String, Entry> load() {
        try (InputStream in = Repeatability.class.getResourceAsStream("repeatability.tsv")) {
            if (in == null) {
                throw new IllegalStateException("resource repeatability.tsv missing");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
