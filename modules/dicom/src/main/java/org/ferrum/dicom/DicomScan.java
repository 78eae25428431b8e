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

/**
 * What a {@link DicomScanner} found under a folder: patients → studies → series, and the files it could not
 * use with the reason.
 *
 * @param patients   by patient (name + ID), sorted by name then ID
 * @param unreadable files that are not DICOM images or could not be read, sorted by path
 * @param files      number of files looked at
 * @param bytes      total size of those files
 */
public record DicomScan(List<Patient> patients, List<UnreadableFile> unreadable, int files, long bytes) {

    public DicomScan {
        patients = List.copyOf(patients);
        unreadable = List.copyOf(unreadable);
    }

    /** A patient and their studies, sorted by date then description. */
    public record Patient(String name, String id, List<Study> studies) {
        public Patient {
            studies = List.copyOf(studies);
        }
    }

    /** A study and its series, sorted by series number then description. */
    public record Study(String studyInstanceUid, String date, String description, List<DicomSeries> series) {
        public Study {
            series = List.copyOf(series);
        }
    }

    /** The files left out of kind {@code kind} (e.g. {@link UnreadableFile.Kind#NOT_DICOM}: README, .json, .nii…). */
    public List<UnreadableFile> unreadable(UnreadableFile.Kind kind) {
        return unreadable.stream().filter(u -> u.kind() == kind).toList();
    }

    /** All series, in patient, study, series order. */
    public List<DicomSeries> series() {
        return patients.stream()
                .flatMap(p -> p.studies().stream())
                .flatMap(s -> s.series().stream())
                .toList();
    }
}
