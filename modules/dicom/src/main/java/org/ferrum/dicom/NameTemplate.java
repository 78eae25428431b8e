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
package org.ferrum.dicom;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How {@link DicomConverter} names its outputs: a template of literal text and {@code %}-placeholders,
 * expanded from the first data set of each series, followed by the suffixes that say which echo and
 * which kind of image a file holds. The placeholders and suffixes are those of dcm2niix (its {@code -f}
 * option, as its help text lists them and as its outputs show), so that files converted by Ferrum sit
 * beside, and sort like, files a lab already converted with dcm2niix.
 *
 * <h2>Placeholders</h2>
 * <table>
 * <caption>placeholders and the attribute each one takes</caption>
 * <tr><td>{@code %a}</td><td>ReceiveCoilName (0018,1250)</td></tr>
 * <tr><td>{@code %c}</td><td>ImageComments (0020,4000)</td></tr>
 * <tr><td>{@code %d}</td><td>SeriesDescription (0008,103E)</td></tr>
 * <tr><td>{@code %e}</td><td>echo number of the output (1 if unknown)</td></tr>
 * <tr><td>{@code %f}</td><td>name of the folder given to the converter (not of the file's folder)</td></tr>
 * <tr><td>{@code %g}</td><td>AccessionNumber (0008,0050)</td></tr>
 * <tr><td>{@code %i}</td><td>PatientID (0010,0020)</td></tr>
 * <tr><td>{@code %j}</td><td>SeriesInstanceUID (0020,000E)</td></tr>
 * <tr><td>{@code %k}</td><td>StudyInstanceUID (0020,000D)</td></tr>
 * <tr><td>{@code %m}</td><td>manufacturer, short: {@code Si}, {@code GE}, {@code Ph}, {@code Ca}, {@code To},
 *     {@code Hi}, {@code UI}, {@code Br} (else the first two letters)</td></tr>
 * <tr><td>{@code %n}</td><td>PatientName (0010,0010)</td></tr>
 * <tr><td>{@code %p}</td><td>ProtocolName (0018,1030)</td></tr>
 * <tr><td>{@code %r}</td><td>InstanceNumber (0020,0013) of the first file</td></tr>
 * <tr><td>{@code %s}</td><td>SeriesNumber (0020,0011)</td></tr>
 * <tr><td>{@code %t}</td><td>StudyDate + StudyTime as {@code yyyyMMddHHmmss}, time rounded to the second; a
 *     missing date reads {@code 00000000}, a missing time {@code 000000}</td></tr>
 * <tr><td>{@code %u}</td><td>AcquisitionNumber (0020,0012)</td></tr>
 * <tr><td>{@code %v}</td><td>manufacturer, long: {@code Siemens}, {@code GE}, {@code Philips}, … (see
 *     {@link #vendor})</td></tr>
 * <tr><td>{@code %x}</td><td>StudyID (0020,0010)</td></tr>
 * <tr><td>{@code %z}</td><td>SequenceName (0018,0024) without Siemens' leading {@code *}</td></tr>
 * </table>
 * An absent attribute expands to nothing. dcm2niix's {@code %b} (input file base name) and {@code %o}
 * (media object UID) are not supported and are refused by {@link #parse}, as is any other letter.
 *
 * <h2>Suffixes (appended in this order)</h2>
 * <ol>
 * <li>{@code _e<N>} when the template has no {@code %e} and the output's series holds more than one
 *     echo number, or its echo number is not 1 (dcm2niix names a Siemens phase-difference series that
 *     holds only echo 2 {@code …_e2_ph}).</li>
 * <li>the image kind: {@code _ph} (phase), {@code _real}, {@code _imaginary}, {@code _fieldmaphz} (a field
 *     map in Hz); nothing for magnitude.</li>
 * <li>if the name is still taken by another output of the same conversion: {@code a}, {@code b}, …
 *     (see {@link #disambiguate}).</li>
 * </ol>
 *
 * <h2>Characters</h2>
 * The expanded name has every character that is unsafe in a file name on common file systems (control
 * characters, space, {@code / \ : * ? " < > |}) replaced by {@code _}; other characters are kept
 * ({@code EPI PE=AP} → {@code EPI_PE=AP}). This agrees with every dcm2niix output we compared with.
 *
 * <h2>Default</h2>
 * {@link #DEFAULT} is dcm2niix's own default, {@value #DCM2NIIX_DEFAULT} (folder, protocol, study time,
 * series number). The dcm2niix reference conversions in {@code testdata/dicom} were made with other
 * templates ({@code %m_%s_%p}, {@code %f_%p_%s}, {@code %d_%s}, {@code %s}); the tests convert with the
 * same template and compare names one to one.
 */
public final class NameTemplate {

    /** dcm2niix's default {@code -f} template. */
    public static final String DCM2NIIX_DEFAULT = "%f_%p_%t_%s";

    /** The template used when none is given: {@value #DCM2NIIX_DEFAULT}. */
    public static final NameTemplate DEFAULT = parse(DCM2NIIX_DEFAULT);

    private static final String KNOWN = "acdefgijkmnprstuvxz";

    private final String template;
    private final List<Object> parts; // String literal or Character placeholder

    private NameTemplate(String template, List<Object> parts) {
        this.template = template;
        this.parts = parts;
    }

    /**
     * Parses a template.
     *
     * @throws IllegalArgumentException if it is blank, ends with a lone {@code %}, uses a placeholder
     *                                  letter not listed above, or contains a path separator
     */
    public static NameTemplate parse(String template) {
        Objects.requireNonNull(template, "template");
        if (template.isBlank()) {
            throw new IllegalArgumentException("the file name template is empty");
        }
        if (template.indexOf('/') >= 0 || template.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("the file name template '" + template
                    + "' contains a path separator; it names files inside the output folder");
        }
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '%') {
                literal.append(c);
                continue;
            }
            if (i + 1 >= template.length()) {
                throw new IllegalArgumentException("the file name template '" + template + "' ends with a lone '%'");
            }
            char p = Character.toLowerCase(template.charAt(++i));
            if (KNOWN.indexOf(p) < 0) {
                throw new IllegalArgumentException("the file name template '" + template + "' uses %"
                        + template.charAt(i) + ", which is not one of %" + String.join(" %", KNOWN.split("")));
            }
            if (literal.length() > 0) {
                parts.add(literal.toString());
                literal.setLength(0);
            }
            parts.add(p);
        }
        if (literal.length() > 0) {
            parts.add(literal.toString());
        }
        return new NameTemplate(template, List.copyOf(parts));
    }

    /** The template text as given. */
    public String template() {
        return template;
    }

    /** True if the template has {@code %e}, in which case no {@code _e<N>} suffix is added. */
    public boolean namesEcho() {
        return parts.contains('e');
    }

    /**
     * The base name of a series' outputs (before suffixes), safe as a file name.
     *
     * @param first       the first data set of the series (for enhanced multi-frame files, the file's)
     * @param inputFolder the folder the conversion was asked for; its name is {@code %f}
     * @param echo        the echo number of this output, for {@code %e}
     * @throws DicomFormatException if an attribute used by the template is malformed
     */
    public String expand(DicomDataset first, String inputFolder, OptionalInt echo) throws DicomFormatException {
        StringBuilder sb = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof String s) {
                sb.append(s);
            } else {
                sb.append(value((Character) part, first, inputFolder, echo));
            }
        }
        String name = sanitize(sb.toString());
        return name.isEmpty() ? "series" : name;
    }

    /**
     * The full base name of one output: {@code base}, the echo suffix when it applies, and the kind suffix.
     *
     * @param base           {@link #expand}'s result
     * @param echo           the output's echo number, if known
     * @param echoesInSeries how many distinct echo numbers the series holds
     * @param kindSuffix     {@code ""}, {@code "_ph"}, {@code "_real"}, {@code "_imaginary"} or {@code "_fieldmaphz"}
     */
    public String outputName(String base, OptionalInt echo, int echoesInSeries, String kindSuffix) {
        StringBuilder sb = new StringBuilder(base);
        if (!namesEcho() && echo.isPresent() && (echoesInSeries > 1 || echo.getAsInt() != 1)) {
            sb.append("_e").append(echo.getAsInt());
        }
        sb.append(kindSuffix);
        return sb.toString();
    }

    /**
     * A name not in {@code taken}: {@code name} itself, else {@code name} + {@code a}, {@code b}, …,
     * {@code z}, {@code aa}, … (dcm2niix appends letters the same way when two outputs would collide).
     */
    public static String disambiguate(String name, java.util.Set<String> taken) {
        if (!taken.contains(name)) {
            return name;
        }
        for (int n = 0; ; n++) {
            String candidate = name + letters(n);
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }

    private static String letters(int n) {
        StringBuilder sb = new StringBuilder();
        int v = n;
        do {
            sb.insert(0, (char) ('a' + v % 26));
            v = v / 26 - 1;
        } while (v >= 0);
        return sb.toString();
    }

    /** Replaces characters unsafe in file names (control, space, {@code / \ : * ? " < > |}) by {@code _}. */
    public static String sanitize(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean unsafe = c < 0x20 || c == 0x7f || c == ' ' || "/\\:*?\"<>|".indexOf(c) >= 0;
            sb.append(unsafe ? '_' : c);
        }
        return sb.toString();
    }

    /**
     * The manufacturer as dcm2niix writes it in its sidecars' {@code Manufacturer} and in {@code %v}:
     * {@code Siemens}, {@code GE}, {@code Philips}, {@code Canon}, {@code Toshiba}, {@code Hitachi},
     * {@code UIH}, {@code Bruker}; any other value unchanged.
     */
    public static String vendor(String manufacturer) {
        String m = manufacturer.trim().toUpperCase(Locale.ROOT);
        if (m.startsWith("SIEMENS") || m.startsWith("SIE")) {
            return "Siemens";
        }
        if (m.startsWith("GE ") || m.equals("GE") || m.startsWith("GE_") || m.startsWith("GENERAL ELECTRIC")) {
            return "GE";
        }
        if (m.startsWith("PHILIPS")) {
            return "Philips";
        }
        if (m.startsWith("CANON")) {
            return "Canon";
        }
        if (m.startsWith("TOSHIBA")) {
            return "Toshiba";
        }
        if (m.startsWith("HITACHI") || m.startsWith("FUJIFILM")) {
            return "Hitachi";
        }
        if (m.startsWith("UIH") || m.startsWith("UNITED IMAGING")) {
            return "UIH";
        }
        if (m.startsWith("BRUKER")) {
            return "Bruker";
        }
        return manufacturer.trim();
    }

    /** The two-letter manufacturer code of {@code %m}. */
    static String vendorShort(String manufacturer) {
        String v = vendor(manufacturer);
        return switch (v) {
            case "Siemens" -> "Si";
            case "GE" -> "GE";
            case "Philips" -> "Ph";
            case "Canon" -> "Ca";
            case "Toshiba" -> "To";
            case "Hitachi" -> "Hi";
            case "UIH" -> "UI";
            case "Bruker" -> "Br";
            default -> v.length() <= 2 ? v : v.substring(0, 2);
        };
    }

    private static String value(char p, DicomDataset d, String inputFolder, OptionalInt echo)
            throws DicomFormatException {
        return switch (p) {
            case 'a' -> text(d, Tags.ReceiveCoilName);
            case 'c' -> text(d, 0x00204000); // ImageComments
            case 'd' -> text(d, Tags.SeriesDescription);
            case 'e' -> Integer.toString(echo.orElse(1));
            case 'f' -> inputFolder == null ? "" : inputFolder;
            case 'g' -> text(d, Tags.AccessionNumber);
            case 'i' -> text(d, Tags.PatientID);
            case 'j' -> text(d, Tags.SeriesInstanceUID);
            case 'k' -> text(d, Tags.StudyInstanceUID);
            case 'm' ->
                d.string(Tags.Manufacturer).map(NameTemplate::vendorShort).orElse("");
            case 'n' -> text(d, Tags.PatientName);
            case 'p' -> text(d, Tags.ProtocolName);
            case 'r' -> number(d, Tags.InstanceNumber);
            case 's' -> number(d, Tags.SeriesNumber);
            case 't' -> studyDateTime(d);
            case 'u' -> number(d, Tags.AcquisitionNumber);
            case 'v' -> d.string(Tags.Manufacturer).map(NameTemplate::vendor).orElse("");
            case 'x' -> text(d, Tags.StudyID);
            case 'z' -> {
                String s = text(d, Tags.SequenceName);
                yield s.startsWith("*") ? s.substring(1) : s;
            }
            default -> throw new IllegalStateException("placeholder %" + p);
        };
    }

    private static String text(DicomDataset d, int tag) throws DicomFormatException {
        // multi-valued text (rare here) keeps its values apart with '_' rather than DICOM's backslash
        List<String> all = d.strings(tag);
        return String.join("_", all).trim();
    }

    private static String number(DicomDataset d, int tag) throws DicomFormatException {
        OptionalInt n = d.integer(tag);
        return n.isPresent() ? Integer.toString(n.getAsInt()) : "";
    }

    /** {@code yyyyMMddHHmmss} from StudyDate and StudyTime, the time rounded to the nearest second. */
    static String studyDateTime(DicomDataset d) throws DicomFormatException {
        String date = d.string(Tags.StudyDate)
                .map(String::trim)
                .filter(s -> s.matches("\\d{8}"))
                .orElse("00000000");
        Optional<String> time = d.string(Tags.StudyTime).map(String::trim).filter(s -> !s.isEmpty());
        long seconds = time.map(NameTemplate::secondsOfDay).orElse(0L);
        if (seconds >= 86400) { // 23:59:59.6 rounds up; keep the study's date rather than invent a new day
            seconds = 86399;
        }
        return date + String.format(Locale.ROOT, "%02d%02d%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    /** Seconds since midnight of a DICOM TM value ({@code HH[MM[SS[.F{1,6}]]]}, PS3.5 Table 6.2-1), rounded; 0 if malformed. */
    private static long secondsOfDay(String tm) {
        String t = tm.replace(":", ""); // ACR-NEMA style HH:MM:SS, still seen in old files
        if (!t.matches("\\d{2}(\\d{2}(\\d{2}(\\.\\d{1,6})?)?)?")) {
            return 0;
        }
        int h = Integer.parseInt(t.substring(0, 2));
        int m = t.length() >= 4 ? Integer.parseInt(t.substring(2, 4)) : 0;
        BigDecimal s = t.length() >= 6 ? new BigDecimal(t.substring(4)) : BigDecimal.ZERO;
        return h * 3600L + m * 60L + s.setScale(0, RoundingMode.HALF_UP).longValue();
    }

    @Override
    public String toString() {
        return template;
    }
}
