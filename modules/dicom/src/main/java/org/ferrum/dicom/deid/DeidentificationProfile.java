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
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * DICOM PS3.15 Annex E Table E.1-1 (Application Level Confidentiality Profile Attributes) as data: for every listed
 * attribute, its action under the Basic Profile and under each option; plus the safe private attributes (Table
 * E.3.10-1 and our vendor whitelist for quantitative MRI).
 *
 * <p>Action codes (PS3.15 E.3.1 / Table E.1-1 legend): D replace with a non-zero-length dummy value consistent with
 * the VR; Z replace with zero length or a dummy; X remove; K keep; C clean (replace with values of similar meaning
 * known not to contain identifying information); U replace UIDs with non-zero-length UIDs, consistent within the set
 * of instances; compounds {@code Z/D}, {@code X/Z}, {@code X/D}, {@code X/Z/D}, {@code X/Z/U*} choose by the
 * attribute's type in the IOD.
 *
 * <p>The data live in two tab-separated resources beside this class, {@value #TABLE} and {@value #SAFE_PRIVATE}
 * (how they are kept and updated: {@code modules/dicom/deid-profile.md}). They are parsed once, on the first call of
 * {@link #standard()}; a malformed row refuses the whole profile with one message naming the file, the line and what is
 * wrong, so a broken table can never de-identify by halves.
 *
 * <p>(API fixed by the lead for issue 19; the body and data files are written by helper {@code profile}.)
 */
public final class DeidentificationProfile {

    /** Resource name of Table E.1-1. */
    static final String TABLE = "ps3.15-table-e.1-1.tsv";

    /** Resource name of the safe private attributes. */
    static final String SAFE_PRIVATE = "safe-private.tsv";

    /**
     * The option columns of Table E.1-1 in the standard's order (left to right), which is also the order in which
     * {@link #action} looks for an entry, with their column names in {@value #TABLE}.
     */
    static final List<DeidentificationOption> COLUMN_ORDER = List.of(
            DeidentificationOption.RETAIN_SAFE_PRIVATE,
            DeidentificationOption.RETAIN_UIDS,
            DeidentificationOption.RETAIN_DEVICE_IDENTITY,
            DeidentificationOption.RETAIN_INSTITUTION_IDENTITY,
            DeidentificationOption.RETAIN_PATIENT_CHARACTERISTICS,
            DeidentificationOption.RETAIN_FULL_DATES,
            DeidentificationOption.RETAIN_MODIFIED_DATES,
            DeidentificationOption.CLEAN_DESCRIPTORS,
            DeidentificationOption.CLEAN_STRUCTURED_CONTENT,
            DeidentificationOption.CLEAN_GRAPHICS);

    /** The Basic Profile column may hold any action code of Table E.1-1a. */
    static final Set<String> BASIC_ACTIONS =
            Set.of("D", "Z", "X", "K", "C", "U", "Z/D", "X/Z", "X/D", "X/Z/D", "X/Z/U*");

    /** What an option cell of Table E.1-1 holds when it is not empty. */
    static final Set<String> OPTION_ACTIONS = Set.of("K", "C", "X", "D", "Z", "U");

    /** Sources a safe-private row may cite; several are joined with "; ". */
    static final String SOURCE_STANDARD = "PS3.15 E.3.10-1";

    static final String SOURCE_FERRUM = "Ferrum: read by ";

    private static final Pattern TAG = Pattern.compile("\\(([0-9A-Fx]{4}),([0-9A-Fx]{4})\\)");
    private static final Pattern GROUP = Pattern.compile("[0-9A-F]{4}");
    private static final Pattern LOW_BYTE = Pattern.compile("0x[0-9A-F]{2}");
    private static final Pattern CLASS_NAME = Pattern.compile("[A-Z][A-Za-z0-9]*");

    private static volatile DeidentificationProfile standard;

    /**
     * One row of Table E.1-1.
     *
     * @param tagPattern {@code (gggg,eeee)} with lower-case {@code x} for any hex digit, as printed in the standard
     * @param name       attribute name as printed
     * @param basic      action under the Basic Profile (e.g. {@code X}, {@code Z/D}, {@code U})
     * @param byOption   the option columns' entries where the standard gives one (e.g. RETAIN_UIDS → {@code K})
     */
    public record Rule(
            String tagPattern, String name, String basic, java.util.Map<DeidentificationOption, String> byOption) {}

    /** A group pattern such as {@code (60xx,3000)}: a tag matches when {@code (tag & mask) == value}. */
    private record PatternRule(int mask, int value, Rule rule) {
        int fixedDigits() {
            return Integer.bitCount(mask) / 4;
        }

        boolean overlaps(PatternRule o) {
            return ((value ^ o.value) & mask & o.mask) == 0;
        }
    }

    /** A safe private element: the creator reserving the block, the odd group and the element's low byte. */
    private record SafeKey(String creator, int group, int lowByte) {}

    private final List<Rule> rules;
    private final Map<Integer, Rule> exact;
    private final List<PatternRule> patterns;
    private final Set<SafeKey> safe;

    private DeidentificationProfile(
            List<Rule> rules, Map<Integer, Rule> exact, List<PatternRule> patterns, Set<SafeKey> safe) {
        this.rules = List.copyOf(rules);
        this.exact = Map.copyOf(exact);
        this.patterns = List.copyOf(patterns);
        this.safe = Set.copyOf(safe);
    }

    /** The profile shipped with Ferrum (resources {@code ps3.15-table-e.1-1.tsv}, {@code safe-private.tsv}). */
    public static DeidentificationProfile standard() {
        DeidentificationProfile p = standard;
        if (p == null) {
            synchronized (DeidentificationProfile.class) {
                p = standard;
                if (p == null) {
                    // A failure is not cached: every call reports it again, with the file and line.
                    p = parse(TABLE, resource(TABLE), SAFE_PRIVATE, resource(SAFE_PRIVATE));
                    standard = p;
                }
            }
        }
        return p;
    }

    /** Every rule, in the standard's order. */
    public List<Rule> rules() {
        return rules;
    }

    /**
     * The rule for a public attribute (exact tag first, then the most specific pattern), if Table E.1-1 lists it.
     * Private attributes (odd group) are not in the table: see {@link #isSafePrivate}.
     */
    public Optional<Rule> rule(int tag) {
        if (isPrivateGroup(tag >>> 16)) {
            return Optional.empty();
        }
        Rule r = exact.get(tag);
        if (r != null) {
            return Optional.of(r);
        }
        for (PatternRule p :
                patterns) { // most fixed digits first; equally specific patterns never overlap (load check)
            if ((tag & p.mask) == p.value) {
                return Optional.of(p.rule);
            }
        }
        return Optional.empty();
    }

    /**
     * The action to apply to a listed attribute under the given options: the first option column (in the standard's
     * column order) that has an entry and whose option is chosen, else the Basic Profile action. With both
     * {@link DeidentificationOption#RETAIN_FULL_DATES} and {@link DeidentificationOption#RETAIN_MODIFIED_DATES}
     * chosen the call is refused ({@link IllegalArgumentException}).
     */
    public String action(Rule rule, Set<DeidentificationOption> options) {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(options, "options");
        if (options.contains(DeidentificationOption.RETAIN_FULL_DATES)
                && options.contains(DeidentificationOption.RETAIN_MODIFIED_DATES)) {
            // PS3.15 E.3.6: the two Retain Longitudinal Temporal Information options are alternatives.
            throw new IllegalArgumentException("the options " + DeidentificationOption.RETAIN_FULL_DATES.cliName()
                    + " and " + DeidentificationOption.RETAIN_MODIFIED_DATES.cliName()
                    + " exclude each other (PS3.15 E.3.6): choose one");
        }
        for (DeidentificationOption o : COLUMN_ORDER) {
            String entry = rule.byOption().get(o);
            if (entry != null && options.contains(o)) {
                return entry;
            }
        }
        return rule.basic();
    }

    /**
     * True if the private attribute {@code tag} (odd group; element {@code xxEE} within the block reserved by
     * {@code privateCreator}) is on the safe list, kept under {@link DeidentificationOption#RETAIN_SAFE_PRIVATE}.
     *
     * @param privateCreator the Private Creator value reserving the block, trimmed (e.g. {@code SIEMENS MR HEADER})
     */
    public boolean isSafePrivate(String privateCreator, int tag) {
        int group = tag >>> 16;
        int element = tag & 0xFFFF;
        // Private data elements proper are (gggg,xxEE) with block xx in 10..FF (PS3.5 7.8.1); below that are the
        // group length and the Private Creator elements themselves, which are not "attributes" of the list.
        if (privateCreator == null || !isPrivateGroup(group) || element < 0x1000) {
            return false;
        }
        return safe.contains(new SafeKey(privateCreator.trim(), group, element & 0xFF));
    }

    /** Odd groups above 0008 are private (PS3.5 7.8); 0001, 0003, 0005, 0007 and FFFF may not be used at all. */
    private static boolean isPrivateGroup(int group) {
        return (group & 1) == 1 && group > 0x0008 && group != 0xFFFF;
    }

    private static Reader resource(String name) {
        InputStream in = DeidentificationProfile.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(
                    name + ": resource missing from the ferrum-dicom jar (org/ferrum/dicom/deid/)");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    /**
     * Parses both files. Package-private so that tests can feed malformed data; every problem throws
     * {@link IllegalStateException} with {@code name:line: what is wrong}.
     */
    static DeidentificationProfile parse(String tableName, Reader table, String safeName, Reader safePrivate) {
        List<Rule> rules = new ArrayList<>();
        Map<Integer, Rule> exact = new HashMap<>();
        List<PatternRule> patterns = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("tag", "name", "basic"));
        for (DeidentificationOption o : COLUMN_ORDER) {
            header.add(o.name().toLowerCase(Locale.ROOT));
        }
        Map<String, Integer> lineOfTag = new HashMap<>();
        for (Line line : lines(tableName, table, header)) {
            String[] f = line.fields;
            String tag = f[0];
            var m = TAG.matcher(tag);
            if (!m.matches()) {
                throw line.problem("tag '" + tag + "' is not (gggg,eeee) in upper-case hex, x for any digit");
            }
            if (f[1].isBlank()) {
                throw line.problem("attribute name is empty");
            }
            if (!BASIC_ACTIONS.contains(f[2])) {
                throw line.problem("basic action '" + f[2] + "' is not one of " + sorted(BASIC_ACTIONS));
            }
            Map<DeidentificationOption, String> byOption = new EnumMap<>(DeidentificationOption.class);
            for (int i = 0; i < COLUMN_ORDER.size(); i++) {
                String cell = f[3 + i];
                if (cell.isEmpty()) {
                    continue;
                }
                if (!OPTION_ACTIONS.contains(cell)) {
                    throw line.problem("column " + header.get(3 + i) + ": '" + cell + "' is not one of "
                            + sorted(OPTION_ACTIONS) + " or empty");
                }
                byOption.put(COLUMN_ORDER.get(i), cell);
            }
            Integer previous = lineOfTag.putIfAbsent(tag, line.number);
            if (previous != null) {
                throw line.problem("tag " + tag + " already listed on line " + previous);
            }
            Rule rule = new Rule(tag, f[1], f[2], Collections.unmodifiableMap(byOption));
            String g = m.group(1), e = m.group(2);
            int mask = maskOf(g) << 16 | maskOf(e);
            int value = valueOf(g) << 16 | valueOf(e);
            if (mask == -1) {
                if (isPrivateGroup(value >>> 16)) {
                    throw line.problem(
                            "tag " + tag + " is private (odd group): private attributes belong in " + safeName);
                }
                exact.put(value, rule);
            } else {
                PatternRule p = new PatternRule(mask, value, rule);
                for (PatternRule q : patterns) {
                    if (q.fixedDigits() == p.fixedDigits() && q.overlaps(p)) {
                        throw line.problem("pattern " + tag + " overlaps " + q.rule.tagPattern()
                                + " and is as specific: which one applies would be ambiguous");
                    }
                }
                patterns.add(p);
            }
            rules.add(rule);
        }
        if (rules.isEmpty()) {
            throw new IllegalStateException(tableName + ": no rows");
        }
        patterns.sort(Comparator.comparingInt(PatternRule::fixedDigits).reversed());

        Set<SafeKey> safe = new HashSet<>();
        Map<SafeKey, Integer> lineOfKey = new HashMap<>();
        List<String> safeHeader = List.of("private_creator", "group", "element", "name", "source", "why");
        for (Line line : lines(safeName, safePrivate, safeHeader)) {
            String[] f = line.fields;
            if (f[0].isEmpty() || !f[0].equals(f[0].trim())) {
                throw line.problem("private creator '" + f[0] + "' is empty or has surrounding spaces");
            }
            if (!GROUP.matcher(f[1]).matches() || !isPrivateGroup(Integer.parseInt(f[1], 16))) {
                throw line.problem("group '" + f[1] + "' is not a private (odd, 4 upper-case hex digits) group");
            }
            if (!LOW_BYTE.matcher(f[2]).matches()) {
                throw line.problem("element '" + f[2] + "' is not the low byte as 0xEE (upper-case hex)");
            }
            if (f[3].isBlank()) {
                throw line.problem("name is empty");
            }
            for (String source : f[4].split("; ", -1)) {
                boolean ours = source.startsWith(SOURCE_FERRUM)
                        && CLASS_NAME
                                .matcher(source.substring(SOURCE_FERRUM.length()))
                                .matches();
                if (!source.equals(SOURCE_STANDARD) && !ours) {
                    throw line.problem("source '" + source + "' is neither '" + SOURCE_STANDARD + "' nor '"
                            + SOURCE_FERRUM + "<Class>'");
                }
            }
            if (f[5].isBlank()) {
                throw line.problem("why is empty: say what the attribute carries");
            }
            SafeKey key = new SafeKey(f[0], Integer.parseInt(f[1], 16), Integer.parseInt(f[2].substring(2), 16));
            Integer previous = lineOfKey.putIfAbsent(key, line.number);
            if (previous != null) {
                throw line.problem("(" + f[1] + ",xx" + f[2].substring(2) + ") of '" + f[0]
                        + "' already listed on line " + previous);
            }
            safe.add(key);
        }
        return new DeidentificationProfile(rules, exact, patterns, safe);
    }

    /** One data line: its 1-based number in the file and its tab-separated fields. */
    private record Line(String file, int number, String[] fields) {
        IllegalStateException problem(String what) {
            return new IllegalStateException(file + ":" + number + ": " + what);
        }
    }

    /** The data lines after the header; '#' lines and blank lines are comments. Checks header and field count. */
    private static List<Line> lines(String name, Reader source, List<String> header) {
        List<Line> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(source)) {
            boolean headerSeen = false;
            int number = 0;
            for (String s; (s = r.readLine()) != null; ) {
                number++;
                if (s.isBlank() || s.startsWith("#")) {
                    continue;
                }
                String[] fields = s.split("\t", -1);
                if (!headerSeen) {
                    if (!List.of(fields).equals(header)) {
                        throw new IllegalStateException(name + ":" + number + ": header must be the tab-separated "
                                + "columns " + String.join(" ", header));
                    }
                    headerSeen = true;
                    continue;
                }
                if (fields.length != header.size()) {
                    throw new IllegalStateException(name + ":" + number + ": " + fields.length + " tab-separated "
                            + "fields, expected " + header.size() + " (" + String.join(", ", header) + ")");
                }
                out.add(new Line(name, number, fields));
            }
            if (!headerSeen) {
                throw new IllegalStateException(name + ": no header line");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static int maskOf(String hex) {
        int mask = 0;
        for (int i = 0; i < 4; i++) {
            mask = mask << 4 | (hex.charAt(i) == 'x' ? 0 : 0xF);
        }
        return mask;
    }

    private static int valueOf(String hex) {
        return Integer.parseInt(hex.replace('x', '0'), 16);
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }
}
