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
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.ferrum.dicom.DicomDataset;
import org.ferrum.dicom.DicomFile;
import org.ferrum.dicom.DicomFormatException;
import org.ferrum.dicom.DicomRewriter;
import org.ferrum.dicom.DicomRewriter.Decision;
import org.ferrum.dicom.DicomRewriter.Element;
import org.ferrum.dicom.DicomRewriter.NewElement;
import org.ferrum.dicom.Vr;

/**
 * De-identifies one DICOM file under the Basic Application Level Confidentiality Profile (PS3.15 Annex E, Table
 * E.1-1) and the chosen options, in its original transfer syntax ({@link DicomRewriter}).
 *
 * <p>Rules, applied to every attribute at every nesting level (PS3.15 E.3: the actions apply to nested attributes):
 *
 * <ul>
 *   <li>Listed public attributes: the table's action under the options ({@link DeidentificationProfile#action}).
 *       X removes; Z writes zero length (an empty sequence for SQ); D writes a dummy of the VR ({@link #dummy});
 *       K keeps; U replaces each UID by {@link DeidentificationKeys#uid}; C cleans: dates (DA, DT) are shifted by
 *       the patient's offset under Retain Modified Dates, times (TM) are kept, text descriptors keep their value
 *       only if every word is in the safe vocabulary ({@code descriptor-vocabulary.txt}) else are blanked,
 *       sequences are walked, anything else is removed. Compound actions are resolved by {@link #resolve}.
 *   <li>Patient's Name and Patient ID of the top-level data set, unless kept, become the patient's pseudonym
 *       ({@link DeidentificationKeys#pseudonym}; a dummy, which Z and D allow).
 *   <li>Public attributes not listed are kept (the standard lists what must go); under Retain Modified Dates their
 *       DA and DT values are shifted too, so that no unshifted date remains beside shifted ones.
 *   <li>Private attributes are removed, unless Retain Safe Private is chosen and the profile lists the attribute as
 *       safe for its Private Creator; a Private Creator element stays exactly when an element of its block stays.
 *   <li>Added to the top level: Patient Identity Removed (0012,0062) YES, De-identification Method (0012,0063), De-
 *       identification Method Code Sequence (0012,0064) with 113100 and each chosen option's CID 7050 code, and
 *       Longitudinal Temporal Information Modified (0028,0303): MODIFIED (dates shifted), UNMODIFIED (full dates
 *       retained) or REMOVED.
 * </ul>
 *
 * <p>Burned-in text: pixel data is never cleaned. A file that may show text in its pixels ({@link #burnedInReason})
 * is not written unless {@code passBurnedIn}; either way it is flagged. Thread-safe: files may be processed in
 * parallel.
 */
public final class Deidentifier {

    /** What happened to a file. */
    public enum Status {
        /** de-identified and written */
        WRITTEN,
        /** burned-in text possible: de-identified and written anyway (pass-through chosen), pixel data not cleaned */
        FLAGGED_WRITTEN,
        /** burned-in text possible: not written */
        FLAGGED,
        /** could not be read or rewritten: not written */
        FAILED,
        /** not a DICOM file: ignored */
        NOT_DICOM
    }

    /**
     * One change to one attribute.
     *
     * @param path         where: {@code (0008,1140)[0]>(0008,1155)}
     * @param name         the attribute's name (the table's, the dictionary keyword, or {@code private <creator>})
     * @param action       the action applied: X, Z, D, U, C (descriptor blanked), C-date (shifted), pseudonym
     * @param oldValueHash {@link DeidentificationKeys#valueHash} of the old value bytes (never the value)
     * @param newValue     the value written (empty for X and Z)
     */
    public record Change(String path, String name, String action, String oldValueHash, String newValue) {}

    /** The result for one file: bytes to write (null if none), the changes, and the reason for FLAGGED/FAILED. */
    public record Outcome(Status status, byte[] bytes, List<Change> changes, String reason) {}

    static final int PATIENT_IDENTITY_REMOVED = 0x00120062;
    static final int DEIDENTIFICATION_METHOD = 0x00120063;
    static final int DEIDENTIFICATION_METHOD_CODE_SEQUENCE = 0x00120064;
    static final int LONGITUDINAL_TEMPORAL_INFORMATION_MODIFIED = 0x00280303;
    static final int BURNED_IN_ANNOTATION = 0x00280301;
    private static final int PATIENT_NAME = 0x00100010;
    private static final int PATIENT_ID = 0x00100020;
    private static final int SOP_CLASS_UID = 0x00080016;
    private static final int IMAGE_TYPE = 0x00080008;
    private static final int MODALITY = 0x00080060;
    private static final int CODE_VALUE = 0x00080100;
    private static final int CODING_SCHEME_DESIGNATOR = 0x00080102;
    private static final int CODE_MEANING = 0x00080104;

    /** Text written for D on string VRs: says what happened, names nobody. */
    static final String DUMMY_TEXT = "ANONYMOUS";

    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;

    private final ProfileRules rules;
    private final Set<DeidentificationOption> options;
    private final DeidentificationKeys keys;
    private final boolean passBurnedIn;
    private final Set<String> vocabulary;

    /**
     * @param secret       the project secret (at least {@value DeidentificationKeys#MIN_SECRET_BYTES} bytes)
     * @param passBurnedIn write files that may have burned-in text (flagged) instead of withholding them
     * @throws IllegalArgumentException for both date options at once, or a short secret
     */
    public Deidentifier(
            DeidentificationProfile profile, Set<DeidentificationOption> options, byte[] secret, boolean passBurnedIn) {
        this(ProfileRules.of(profile, options), options, new DeidentificationKeys(secret), passBurnedIn);
    }

    Deidentifier(
            ProfileRules rules, Set<DeidentificationOption> options, DeidentificationKeys keys, boolean passBurnedIn) {
        if (options.contains(DeidentificationOption.RETAIN_FULL_DATES)
                && options.contains(DeidentificationOption.RETAIN_MODIFIED_DATES)) {
            throw new IllegalArgumentException("options " + DeidentificationOption.RETAIN_FULL_DATES.cliName()
                    + " and " + DeidentificationOption.RETAIN_MODIFIED_DATES.cliName()
                    + " exclude each other (PS3.15 E.3.6)");
        }
        this.rules = rules;
        this.options = options.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(DeidentificationOption.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(options));
        this.keys = keys;
        this.passBurnedIn = passBurnedIn;
        this.vocabulary = loadVocabulary();
    }

    /** The options in force. */
    public Set<DeidentificationOption> options() {
        return options;
    }

    /** The keyed mappings (UIDs, pseudonyms, date offsets). */
    public DeidentificationKeys keys() {
        return keys;
    }

    /**
     * Why the pixel data of this data set may show identifying text, or empty: Burned In Annotation (0028,0301)
     * YES; a Secondary Capture SOP class (1.2.840.10008.5.1.4.1.1.7.*, screen captures); Image Type with SCREEN
     * SAVE, or DERIVED\SECONDARY outside the MR storage classes (reformats of scanner images stay MR); Modality
     * OT, SC, US, XC or DOC (ultrasound and photographs routinely carry text in pixels).
     */
    public static Optional<String> burnedInReason(DicomDataset ds) throws DicomFormatException {
        if (ds.string(BURNED_IN_ANNOTATION)
                .map(s -> s.trim().equalsIgnoreCase("YES"))
                .orElse(false)) {
            return Optional.of("Burned In Annotation (0028,0301) is YES");
        }
        String sopClass = ds.string(SOP_CLASS_UID).orElse("").trim();
        if (sopClass.equals("1.2.840.10008.5.1.4.1.1.7") || sopClass.startsWith("1.2.840.10008.5.1.4.1.1.7.")) {
            return Optional.of("Secondary Capture SOP class " + sopClass);
        }
        List<String> type = ds.strings(IMAGE_TYPE);
        if (type.stream().anyMatch(t -> t.trim().equalsIgnoreCase("SCREEN SAVE"))) {
            return Optional.of("Image Type contains SCREEN SAVE");
        }
        boolean mr = sopClass.startsWith("1.2.840.10008.5.1.4.1.1.4");
        if (!mr
                && type.size() >= 2
                && type.get(0).trim().equalsIgnoreCase("DERIVED")
                && type.get(1).trim().equalsIgnoreCase("SECONDARY")) {
            return Optional.of("Image Type DERIVED\\SECONDARY outside MR storage");
        }
        String modality = ds.string(MODALITY).orElse("").trim().toUpperCase(Locale.ROOT);
        if (Set.of("OT", "SC", "US", "XC", "DOC").contains(modality)) {
            return Optional.of("Modality " + modality);
        }
        return Optional.empty();
    }

    /** De-identifies a file read whole ({@link org.ferrum.dicom.DicomParser#read}). */
    public Outcome deidentify(DicomFile file) {
        try {
            DicomDataset ds = file.dataset();
            Optional<String> burned = burnedInReason(ds);
            if (burned.isPresent() && !passBurnedIn) {
                return new Outcome(
                        Status.FLAGGED,
                        null,
                        List.of(),
                        "burned-in text possible: pixel data not cleaned (" + burned.get() + "); not written");
            }
            FilePolicy policy = new FilePolicy(ds.string(PATIENT_ID).orElse(""));
            DicomRewriter.Result r = DicomRewriter.rewrite(file, policy);
            String note = r.syntaxChanged() ? "deflated data set written as Explicit VR Little Endian" : "";
            if (burned.isPresent()) {
                return new Outcome(
                        Status.FLAGGED_WRITTEN,
                        r.bytes(),
                        policy.changes,
                        "burned-in text possible: pixel data not cleaned (" + burned.get() + ")"
                                + (note.isEmpty() ? "" : "; " + note));
            }
            return new Outcome(Status.WRITTEN, r.bytes(), policy.changes, note);
        } catch (DicomFormatException e) {
            return new Outcome(Status.FAILED, null, List.of(), e.getMessage());
        }
    }

    /**
     * The single action for a compound entry of Table E.1-1. The standard lets the choice follow the attribute's
     * type in the IOD; Ferrum knows the types that matter in the MR and Enhanced MR Image IODs ({@link #TYPE_1},
     * {@link #TYPE_2}) and otherwise takes the most conservative choice that keeps the file valid: Z/D → D for type
     * 1, else Z; X/Z → Z for type 1 or 2, else X; X/D → D for type 1, else X; X/Z/D → D for type 1, Z for type 2,
     * else X; X/Z/U* → U for UIDs (a keyed remap leaks nothing and keeps references valid), a sequence is walked
     * (its UIDs remapped), otherwise as X/Z.
     */
    static String resolve(String action, int tag, Vr vr) {
        String a = action.trim().toUpperCase(Locale.ROOT).replace("*", "");
        boolean t1 = TYPE_1.contains(tag);
        boolean t2 = TYPE_2.contains(tag);
        return switch (a) {
            case "Z/D" -> t1 ? "D" : "Z";
            case "X/Z" -> t1 || t2 ? "Z" : "X";
            case "X/D" -> t1 ? "D" : "X";
            case "X/Z/D" -> t1 ? "D" : t2 ? "Z" : "X";
            case "X/Z/U" -> vr == Vr.UI ? "U" : vr == Vr.SQ ? "K" : t1 || t2 ? "Z" : "X";
            default -> a;
        };
    }

    /**
     * Type 1 attributes among the compound entries, in the MR Image (PS3.3 A.4) and Enhanced MR Image (A.36.2)
     * IODs: Content Date/Time (Enhanced MR Image module, C.8.13.1), Acquisition DateTime (type 1C there, present in
     * every enhanced MR file), Frame Acquisition/Reference DateTime (Frame Content macro C.7.6.16.2.2), Referenced
     * SOP Instance UID (SOP Instance Reference macro, type 1 wherever a reference item exists).
     */
    static final Set<Integer> TYPE_1 = Set.of(0x00080023, 0x00080033, 0x0008002A, 0x00189074, 0x00189151, 0x00081155);

    /**
     * Type 2 attributes among them: the General Study (C.7.2.1) and Patient (C.7.1.1) modules' Accession Number,
     * Referring Physician's Name, Study ID, Study Date/Time, Patient's Name/ID/Birth Date/Sex.
     */
    static final Set<Integer> TYPE_2 = Set.of(
            0x00080050, 0x00080090, 0x00200010, 0x00080020, 0x00080030, 0x00100010, 0x00100020, 0x00100030, 0x00100040);

    /**
     * The VR to act on. An implicit-VR file's attribute that Ferrum's dictionary does not know arrives as UN; for a
     * listed attribute its VR follows from the standard's name (PS3.6 names them so): "... UID" UI, "... DateTime"
     * DT, "... Date" DA, "... Time" TM, a person's name ("... Name", "Physician...", "Operators' Name") PN, anything
     * else LO (text), so that D writes a text dummy and dates can be shifted.
     */
    static Vr vrOf(Vr vr, String name) {
        if (vr != Vr.UN) {
            return vr;
        }
        String n = name.trim();
        if (n.endsWith("UID") || n.endsWith("UIDs")) {
            return Vr.UI;
        }
        if (n.endsWith("DateTime")) {
            return Vr.DT;
        }
        if (n.endsWith("Date")) {
            return Vr.DA;
        }
        if (n.endsWith("Time")) {
            return Vr.TM;
        }
        if (n.endsWith("Name") || n.endsWith("Names") || n.contains("Physician")) {
            return Vr.PN;
        }
        return Vr.LO;
    }

    /**
     * The dummy for D, by VR: text "ANONYMOUS" (CS, LO, SH, PN, AE, ST, LT, UT, UC), 19000101 (DA), 000000.00 (TM),
     * 19000101000000 (DT), 0 (DS, IS), 000Y (AS), zero bytes of the same length for binary VRs; null where D makes
     * no sense (UI: remapped instead; UR: zero length).
     */
    static String dummy(Vr vr) {
        return switch (vr) {
            case DA -> "19000101";
            case TM -> "000000.00";
            case DT -> "19000101000000";
            case DS, IS -> "0";
            case AS -> "000Y";
            case CS, LO, SH, PN, AE, ST, LT, UT, UC -> DUMMY_TEXT;
            default -> null;
        };
    }

    /** The decisions for one file. */
    private final class FilePolicy implements DicomRewriter.Policy {
        final List<Change> changes = new ArrayList<>();
        final String pseudonym;
        final int shiftDays;
        final boolean shiftDates = options.contains(DeidentificationOption.RETAIN_MODIFIED_DATES);

        FilePolicy(String patientId) {
            this.pseudonym = keys.pseudonym(patientId);
            this.shiftDays = keys.dateShiftDays(patientId);
        }

        @Override
        public Decision decide(Element e) throws DicomFormatException {
            int tag = e.tag();
            if (DicomRewriter.isPrivate(tag)) {
                return decidePrivate(e);
            }
            if (e.depth() == 0 && ADDED.contains(tag)) {
                return DicomRewriter.KEEP; // replaced by additions()
            }
            Optional<ProfileRules.Listed> listed = rules.listed(tag);
            if (listed.isEmpty()) {
                return keep(e, e.vr(), DicomRewriter.keyword(tag));
            }
            String name = listed.get().name();
            Vr vr = vrOf(e.vr(), name);
            String action = resolve(listed.get().action(), tag, vr);
            boolean patientIdentity = e.depth() == 0 && (tag == PATIENT_NAME || tag == PATIENT_ID);
            if (patientIdentity && !action.equals("K")) {
                return replace(e, name, "pseudonym", pseudonym);
            }
            switch (action) {
                case "X":
                    record(e, name, "X", "");
                    return DicomRewriter.REMOVE;
                case "Z":
                    return zero(e, name);
                case "D":
                    return dummyFor(e, vr, name);
                case "K":
                    return keep(e, vr, name);
                case "U":
                    if (vr == Vr.UI) {
                        return remapUids(e, name);
                    }
                    return e.isSequence() ? DicomRewriter.KEEP : dummyFor(e, vr, name);
                case "C":
                    return clean(e, vr, name);
                default:
                    // An action this engine does not know: remove, the conservative choice.
                    record(e, name, "X", "");
                    return DicomRewriter.REMOVE;
            }
        }

        private Decision decidePrivate(Element e) throws DicomFormatException {
            int element = e.tag() & 0xFFFF;
            if (element >= 0x0010 && element <= 0x00FF) {
                return DicomRewriter.KEEP_IF_BLOCK_USED;
            }
            Optional<String> creator = e.privateCreator();
            if (options.contains(DeidentificationOption.RETAIN_SAFE_PRIVATE)
                    && creator.isPresent()
                    && rules.isSafePrivate(creator.get(), e.tag())) {
                return keep(e, e.vr(), "private " + creator.get());
            }
            record(e, "private " + creator.orElse("(no creator)"), "X", "");
            return DicomRewriter.REMOVE;
        }

        private Decision keep(Element e, Vr vr, String name) throws DicomFormatException {
            if (shiftDates && (vr == Vr.DA || vr == Vr.DT) && e.length() > 0) {
                return shift(e, vr, name);
            }
            return DicomRewriter.KEEP;
        }

        private Decision zero(Element e, String name) {
            if (e.length() == 0 && !e.isSequence()) {
                return DicomRewriter.KEEP;
            }
            record(e, name, "Z", "");
            if (e.isSequence()) {
                return DicomRewriter.EMPTY_SEQUENCE;
            }
            return e.vr().isText() ? DicomRewriter.Replace.text("") : DicomRewriter.Replace.bytes(new byte[0]);
        }

        private Decision dummyFor(Element e, Vr vr, String name) throws DicomFormatException {
            if (e.isSequence()) {
                return DicomRewriter.KEEP;
            }
            if (vr == Vr.UI) {
                return remapUids(e, name);
            }
            if (vr == Vr.PN && e.depth() == 0 && e.tag() == PATIENT_NAME) {
                return replace(e, name, "D", pseudonym);
            }
            String d = dummy(vr);
            if (d != null) {
                return replace(e, name, "D", d);
            }
            if (vr.isText()) {
                return zero(e, name);
            }
            record(e, name, "D", "(zeros)");
            return DicomRewriter.Replace.bytes(new byte[e.length()]);
        }

        private Decision remapUids(Element e, String name) throws DicomFormatException {
            List<String> old = e.strings();
            if (old.isEmpty()) {
                return DicomRewriter.KEEP;
            }
            List<String> mapped = new ArrayList<>(old.size());
            for (String u : old) {
                mapped.add(u.trim().isEmpty() ? "" : keys.uid(u));
            }
            return replace(e, name, "U", String.join("\\", mapped));
        }

        private Decision clean(Element e, Vr vr, String name) throws DicomFormatException {
            if (e.isSequence()) {
                return DicomRewriter.KEEP;
            }
            if (vr == Vr.DA || vr == Vr.DT) {
                if (shiftDates) {
                    return e.length() == 0 ? DicomRewriter.KEEP : shift(e, vr, name);
                }
                if (options.contains(DeidentificationOption.RETAIN_FULL_DATES)) {
                    return DicomRewriter.KEEP;
                }
                return zero(e, name);
            }
            if (vr == Vr.TM) {
                return DicomRewriter.KEEP; // times of day carry the timing of dynamic series; dates carry identity
            }
            if (vr.isText() && vr != Vr.UI) {
                if (e.length() == 0) {
                    return DicomRewriter.KEEP;
                }
                String value = String.join("\\", e.strings());
                if (isSafeDescriptor(value)) {
                    return DicomRewriter.KEEP;
                }
                record(e, name, "C", "");
                return DicomRewriter.Replace.text("");
            }
            record(e, name, "X", "");
            return DicomRewriter.REMOVE;
        }

        private Decision shift(Element e, Vr vr, String name) throws DicomFormatException {
            List<String> values = e.strings();
            List<String> shifted = new ArrayList<>(values.size());
            for (String v : values) {
                String s = vr == Vr.DA ? shiftDate(v, shiftDays) : shiftDateTime(v, shiftDays);
                if (s == null) {
                    // not a date we can read: it cannot be shifted, so it goes
                    record(e, name, "Z (unreadable date)", "");
                    return DicomRewriter.Replace.text("");
                }
                shifted.add(s);
            }
            return replace(e, name, "C-date", String.join("\\", shifted));
        }

        private Decision replace(Element e, String name, String action, String value) {
            record(e, name, action, value);
            return DicomRewriter.Replace.text(value);
        }

        private void record(Element e, String name, String action, String newValue) {
            String hash = e.isSequence() ? "" : keys.valueHash(e.value());
            changes.add(new Change(e.path(), name, action, hash, newValue));
        }

        @Override
        public List<NewElement> additions() {
            List<NewElement> add = new ArrayList<>();
            add.add(NewElement.text(PATIENT_IDENTITY_REMOVED, Vr.CS, "YES"));
            List<String> methods = new ArrayList<>();
            List<List<NewElement>> codes = new ArrayList<>();
            methods.add(DeidentificationOption.BASIC_PROFILE_MEANING);
            codes.add(code(DeidentificationOption.BASIC_PROFILE_CODE, DeidentificationOption.BASIC_PROFILE_MEANING));
            for (DeidentificationOption o : options) {
                methods.add(o.meaning());
                codes.add(code(o.code(), o.meaning()));
            }
            add.add(NewElement.text(DEIDENTIFICATION_METHOD, Vr.LO, String.join("\\", methods)));
            add.add(NewElement.sequence(DEIDENTIFICATION_METHOD_CODE_SEQUENCE, codes));
            String temporal = shiftDates
                    ? "MODIFIED"
                    : options.contains(DeidentificationOption.RETAIN_FULL_DATES) ? "UNMODIFIED" : "REMOVED";
            add.add(NewElement.text(LONGITUDINAL_TEMPORAL_INFORMATION_MODIFIED, Vr.CS, temporal));
            return add;
        }
    }

    private static final Set<Integer> ADDED = Set.of(
            PATIENT_IDENTITY_REMOVED,
            DEIDENTIFICATION_METHOD,
            DEIDENTIFICATION_METHOD_CODE_SEQUENCE,
            LONGITUDINAL_TEMPORAL_INFORMATION_MODIFIED);

    private static List<NewElement> code(String value, String meaning) {
        return List.of(
                NewElement.text(CODE_VALUE, Vr.SH, value),
                NewElement.text(CODING_SCHEME_DESIGNATOR, Vr.SH, "DCM"),
                NewElement.text(CODE_MEANING, Vr.LO, meaning));
    }

    /**
     * A DA value moved by {@code days} (YYYYMMDD, or the old YYYY.MM.DD form, PS3.5 §6.2 note); null if it is not a
     * date.
     */
    static String shiftDate(String value, int days) {
        String v = value.trim().replace(".", "");
        if (v.length() != 8 || !v.chars().allMatch(Character::isDigit)) {
            return null;
        }
        try {
            return LocalDate.parse(v, DA).plusDays(days).format(DA);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * A DT value (YYYY[MM[DD[HH[MM[SS[.F]]]]]][&ZZXX], PS3.5 §6.2) with its date moved by {@code days}; time and
     * offset untouched. A value given to the year or month only is moved from its first day and written at its own
     * precision. Null if it is not a date-time.
     */
    static String shiftDateTime(String value, int days) {
        String v = value.trim();
        int digits = 0;
        while (digits < v.length() && digits < 8 && Character.isDigit(v.charAt(digits))) {
            digits++;
        }
        if (digits != 4 && digits != 6 && digits != 8) {
            return null;
        }
        String date =
                digits == 4 ? v.substring(0, 4) + "0101" : digits == 6 ? v.substring(0, 6) + "01" : v.substring(0, 8);
        String moved = shiftDate(date, days);
        if (moved == null) {
            return null;
        }
        return moved.substring(0, digits) + v.substring(digits);
    }

    /**
     * True if a descriptor may stay under the Clean Descriptors Option: every word (maximal run of letters and
     * digits) is in the vocabulary, or is a number of at most 4 digits, or a vocabulary word with at most 4 digits
     * before or after it.
     */
    boolean isSafeDescriptor(String value) {
        for (String w : value.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (w.isEmpty() || vocabulary.contains(w)) {
                continue;
            }
            String core = w.replaceFirst("^[0-9]{1,4}", "").replaceFirst("[0-9]{1,4}$", "");
            if (core.isEmpty() ? w.length() <= 4 : vocabulary.contains(core)) {
                continue;
            }
            return false;
        }
        return true;
    }

    private static Set<String> loadVocabulary() {
        Set<String> words = new HashSet<>();
        try (InputStream in = Deidentifier.class.getResourceAsStream("descriptor-vocabulary.txt")) {
            if (in == null) {
                throw new IllegalStateException("descriptor-vocabulary.txt is missing from the dicom module");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                String w = line.strip();
                if (!w.isEmpty() && !w.startsWith("#")) {
                    words.add(w.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
