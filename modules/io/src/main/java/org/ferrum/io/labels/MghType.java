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
package org.ferrum.io.labels;

import java.util.Optional;

/**
 * The voxel types MGH files store (FreeSurfer's {@code MRI_UCHAR}, {@code MRI_INT}, {@code MRI_FLOAT},
 * {@code MRI_SHORT}), with their codes in the header and their sizes; all big-endian, integers signed except
 * {@link #UCHAR}.
 */
public enum MghType {
    UCHAR(0, 1),
    INT(1, 4),
    FLOAT(3, 4),
    SHORT(4, 2);

    private final int code;
    private final int bytes;

    MghType(int code, int bytes) {
        this.code = code;
        this.bytes = bytes;
    }

    /** The code in the header's {@code type} field. */
    public int code() {
        return code;
    }

    /** Bytes per voxel. */
    public int bytes() {
        return bytes;
    }

    /** The type of header code {@code code}, if MGH files store it (2, MRI_LONG, and 5+, bitmaps/tensors, they do not). */
    public static Optional<MghType> ofCode(int code) {
        for (MghType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
