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

import java.util.Arrays;
import java.util.Optional;

/**
 * The options of the Basic Application Level Confidentiality Profile (DICOM PS3.15 Annex E, Table E.1-1 columns),
 * each with its command-line name and its code in CID 7050 "De-identification Method" (scheme DCM), which goes into
 * De-identification Method Code Sequence (0012,0064).
 */
public enum DeidentificationOption {
    CLEAN_GRAPHICS("clean-graphics", "113103", "Clean Graphics Option"),
    CLEAN_STRUCTURED_CONTENT("clean-structured-content", "113104", "Clean Structured Content Option"),
    CLEAN_DESCRIPTORS("clean-descriptors", "113105", "Clean Descriptors Option"),
    RETAIN_FULL_DATES("retain-full-dates", "113106", "Retain Longitudinal Temporal Information Full Dates Option"),
    RETAIN_MODIFIED_DATES(
            "retain-modified-dates", "113107", "Retain Longitudinal Temporal Information Modified Dates Option"),
    RETAIN_PATIENT_CHARACTERISTICS("retain-patient-characteristics", "113108", "Retain Patient Characteristics Option"),
    RETAIN_DEVICE_IDENTITY("retain-device-identity", "113109", "Retain Device Identity Option"),
    RETAIN_UIDS("retain-uids", "113110", "Retain UIDs Option"),
    RETAIN_SAFE_PRIVATE("retain-safe-private", "113111", "Retain Safe Private Option"),
    RETAIN_INSTITUTION_IDENTITY("retain-institution-identity", "113112", "Retain Institution Identity Option");

    /** CID 7050 code of the profile itself, always listed first in the code sequence. */
    public static final String BASIC_PROFILE_CODE = "113100";

    /** Its code meaning. */
    public static final String BASIC_PROFILE_MEANING = "Basic Application Confidentiality Profile";

    private final String cliName;
    private final String code;
    private final String meaning;

    DeidentificationOption(String cliName, String code, String meaning) {
        this.cliName = cliName;
        this.code = code;
        this.meaning = meaning;
    }

    /** The name on the command line ({@code --options retain-modified-dates,...}). */
    public String cliName() {
        return cliName;
    }

    /** Code value in CID 7050 (coding scheme designator DCM). */
    public String code() {
        return code;
    }

    /** Code meaning in CID 7050. */
    public String meaning() {
        return meaning;
    }

    /** The option with this command-line name, if any. */
    public static Optional<DeidentificationOption> byCliName(String name) {
        return Arrays.stream(values()).filter(o -> o.cliName.equals(name)).findFirst();
    }
}
