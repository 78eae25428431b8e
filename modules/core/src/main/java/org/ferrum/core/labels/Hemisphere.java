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
package org.ferrum.core.labels;

import java.util.Locale;

/**
 * The side of the brain (or body) a labelled structure lies on.
 *
 * <p>Contract: {@link #LEFT} and {@link #RIGHT} are the patient's left and right (DICOM LPS +x is left);
 * {@link #BOTH} is a label that covers both sides at once (e.g. a phantom's bilateral "putamen" label), or the
 * combination of a left and a right label in a table; {@link #MIDLINE} is an unpaired structure (brain stem, third
 * ventricle) or a label whose side is not known. {@link #word()} is the lower-case word written in tables
 * ({@code left}, {@code right}, {@code both}, {@code midline}).
 */
public enum Hemisphere {
    LEFT,
    RIGHT,
    BOTH,
    MIDLINE;

    /** The word written in tables and files: {@code left}, {@code right}, {@code both}, {@code midline}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The hemisphere written as {@link #word()} (case-insensitive; also {@code l}, {@code r}, {@code lh}, {@code rh}).
     *
     * @throws IllegalArgumentException naming the text when it is none of these
     */
    public static Hemisphere parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "left", "l", "lh" -> LEFT;
            case "right", "r", "rh" -> RIGHT;
            case "both", "bilateral", "b" -> BOTH;
            case "midline", "m", "none", "" -> MIDLINE;
            default ->
                throw new IllegalArgumentException("'" + text + "' is not a hemisphere (left, right, both or midline)");
        };
    }
}
