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

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The attributes of one DICOM data set (a file's main data set, its file meta information, or an item
 * of a sequence), read-only, as PS3.5 §7 defines them: each attribute has a tag (group &lt;&lt; 16 |
 * element), a value representation and a value.
 *
 * <p>Contract: text values are returned with the padding PS3.5 §6.2 allows (trailing spaces, a trailing
 * NUL for UI) removed and, for multi-valued attributes, split at the backslash. Numbers are decoded
 * from their VR: binary VRs (US, SS, UL, SL, FL, FD) in the data set's byte order, text VRs (DS, IS)
 * parsed. A getter returns empty when the attribute is absent or empty, and throws
 * {@link DicomFormatException} (naming the attribute by keyword and tag) when present but malformed —
 * never an unchecked exception for bad file content. Private attributes (odd groups) are reached the
 * same way; which private tags mean what is vendor knowledge kept with the code that uses them.
 */
public interface DicomDataset {

    /** True if the attribute is present (possibly empty). */
    boolean contains(int tag);

    /** The VR the attribute was stored with (explicit VR) or the dictionary's (implicit VR), if present. */
    Optional<Vr> vr(int tag);

    /** All tags present, in ascending order. */
    List<Integer> tags();

    /** The first text value (e.g. SeriesInstanceUID, Manufacturer). */
    Optional<String> string(int tag) throws DicomFormatException;

    /** All text values, split at backslashes. */
    List<String> strings(int tag) throws DicomFormatException;

    /** The first value as a whole number (IS, US, SS, UL, SL). */
    OptionalInt integer(int tag) throws DicomFormatException;

    /** The first value as a number (DS, FL, FD, IS and the integer VRs). */
    OptionalDouble number(int tag) throws DicomFormatException;

    /** All values as numbers (e.g. ImageOrientationPatient's six). */
    double[] numbers(int tag) throws DicomFormatException;

    /** The raw value bytes as stored (after undoing nothing), e.g. for OB/UN private headers like Siemens CSA. */
    Optional<byte[]> bytes(int tag);

    /** The items of a sequence attribute (SQ); empty if absent. */
    List<DicomDataset> sequence(int tag) throws DicomFormatException;

    /** Where this data set came from, for messages (file name, and item path for sequence items). */
    String source();
}
