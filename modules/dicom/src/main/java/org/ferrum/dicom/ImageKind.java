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

/**
 * What the pixel values of an MR image are, as series assembly separates them: one series may hold
 * several kinds (Siemens magnitude + phase of each echo, GE field map + magnitude, Philips magnitude +
 * B0 map in one enhanced file).
 *
 * <p>Where each kind is read from (first match wins; see {@link FrameHeaders}):
 * <ol>
 * <li>{@link #FIELD_MAP}: an Image Type / Frame Type value {@code FIELD_MAP}, {@code B0}, {@code B0 MAP}
 *     or {@code FIELDMAPHZ} (Philips writes {@code B0 MAP}/{@code B0} in Image Type and {@code FIELD_MAP}
 *     in the enhanced Frame Type, dcm2niix issue #455); a GE direct field map series (pulse sequence
 *     (0019,109C) {@code B0map}, {@code B0rf} or {@code 3db0map}: the first image at each location is the
 *     field map in Hz, the second the magnitude, as GE's Jaemin Shin documents in dcm2niix issue #501).</li>
 * <li>Enhanced MR: Complex Image Component (0008,9208) of the frame (PS3.3 C.8.13.3.1.1).</li>
 * <li>Image Type (0008,0008) values {@code M}/{@code MAGNITUDE}, {@code P}/{@code PHASE},
 *     {@code R}/{@code REAL}, {@code I}/{@code IMAGINARY} (Siemens writes the single letter as the
 *     third value).</li>
 * <li>GE private Image Type (0043,102F): 0 magnitude, 1 phase, 2 real, 3 imaginary.</li>
 * <li>Otherwise {@link #MAGNITUDE} for ORIGINAL images and {@link #OTHER} for DERIVED ones.</li>
 * </ol>
 */
public enum ImageKind {
    MAGNITUDE("mag"),
    PHASE("phase"),
    REAL("real"),
    IMAGINARY("imag"),
    FIELD_MAP("fieldmap"),
    OTHER("other");

    private final String label;

    ImageKind(String label) {
        this.label = label;
    }

    /** A short lower-case label, as BIDS' {@code part-} entity uses ({@code mag}, {@code phase}, …). */
    public String label() {
        return label;
    }
}
