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
package org.ferrum.dicom.deid;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Test stand-in for {@link DeidentificationProfile} until helper {@code profile}'s body lands: reads the contract's
 * TSV formats (a subset of Table E.1-1 in {@code test-table-e.1-1.tsv}, {@code test-safe-private.tsv}) and resolves
 * options as {@link DeidentificationProfile#action} is specified to (first chosen option column with an entry, in
 * the standard's column order, else Basic).
 */
final class TableRules implements ProfileRules {

    private static final DeidentificationOption[] COLUMNS = {
        DeidentificationOption.RETAIN_SAFE_PRIVATE,
        DeidentificationOption.RETAIN_UIDS,
        DeidentificationOption.RETAIN_DEVICE_IDENTITY,
        DeidentificationOption.RETAIN_INSTITUTION_IDENTITY,
        DeidentificationOption.RETAIN_PATIENT_CHARACTERISTICS,
        DeidentificationOption.RETAIN_FULL_DATES,
        DeidentificationOption.RETAIN_MODIFIED_DATES,
        DeidentificationOption.CLEAN_DESCRIPTORS,
        DeidentificationOption.CLEAN_STRUCTURED_CONTENT,
        DeidentificationOption.CLEAN_GRAPHICS
    };

    private record Row(String pattern, String name, String basic, String[] byColumn) {}

    private record Safe(String creator, int group, int element) {}

    private final List<Row> rows = new ArrayList<>();
    private final List<Safe> safe = new ArrayList<>();
    private final Set<DeidentificationOption> options;

    TableRules(Set<DeidentificationOption> options) {
        this.options = options;
        for (String[] f : read("test-table-e.1-1.tsv")) {
            String[] by = new String[COLUMNS.length];
            for (int c = 0; c < COLUMNS.length; c++) {
                by[c] = 3 + c < f.length ? f[3 + c].trim() : "";
            }
            rows.add(new Row(f[0].toLowerCase(Locale.ROOT), f[1], f[2], by));
        }
        for (String[] f : read("test-safe-private.tsv")) {
            safe.add(new Safe(f[0], Integer.parseInt(f[1], 16), Integer.decode(f[2])));
        }
    }

    /** The tags of the table's exact rows (no patterns). */
    List<Integer> exactTags() {
        List<Integer> t = new ArrayList<>();
        for (Row r : rows) {
            if (!r.pattern.contains("x")) {
                t.add(Integer.parseUnsignedInt(r.pattern.replaceAll("[(),]", ""), 16));
            }
        }
        return t;
    }

    @Override
    public Optional<Listed> listed(int tag) {
        String hex = String.format("%08x", tag);
        Row best = null;
        int bestWild = Integer.MAX_VALUE;
        for (Row r : rows) {
            String p = r.pattern.replaceAll("[(),]", "");
            boolean match = true;
            int wild = 0;
            for (int k = 0; k < 8 && match; k++) {
                char c = p.charAt(k);
                if (c == 'x') {
                    wild++;
                } else {
                    match = c == hex.charAt(k);
                }
            }
            if (match && wild < bestWild) {
                best = r;
                bestWild = wild;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        String action = best.basic;
        for (int c = 0; c < COLUMNS.length; c++) {
            if (!best.byColumn[c].isEmpty() && options.contains(COLUMNS[c])) {
                action = best.byColumn[c];
                break;
            }
        }
        return Optional.of(new Listed(best.name, action));
    }

    @Override
    public boolean isSafePrivate(String privateCreator, int tag) {
        int group = tag >>> 16;
        int element = tag & 0xFF;
        for (Safe s : safe) {
            if (s.group == group && s.element == element && s.creator.equalsIgnoreCase(privateCreator.trim())) {
                return true;
            }
        }
        return false;
    }

    private static List<String[]> read(String resource) {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = TableRules.class.getResourceAsStream(resource)) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            boolean header = true;
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                out.add(line.split("\t", -1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
