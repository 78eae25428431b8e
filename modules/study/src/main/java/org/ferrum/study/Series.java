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
package org.ferrum.study;

/**
 * An acquired image series of a visit (table {@code series}), kept where it is on disk.
 *
 * @param id          database key; null before insertion
 * @param visitId     the {@link Visit}
 * @param kind        modality or kind, e.g. "MR multi-echo GRE", "DICOM", "NIfTI"
 * @param path        the file or folder
 * @param description free text (series description)
 */
public record Series(Long id, long visitId, String kind, String path, String description) {}
