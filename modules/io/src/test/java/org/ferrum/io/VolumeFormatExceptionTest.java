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
package org.ferrum.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class VolumeFormatExceptionTest {

    /** Issue 14 (found by the fuzz profile): a refusal quoting garbled bytes of a file must still be one line. */
    @Test
    void controlCharactersInTheProblemOrTheNameAreEscaped() {
        VolumeFormatException e = new VolumeFormatException(Path.of("/tmp/a\nb.dcm"), "name 'x\ny\tz\u0085' is odd");
        assertEquals("a\\x0Ab.dcm: name 'x\\x0Ay\\x09z\\x85' is odd", e.getMessage());
        assertEquals("name 'x\\x0Ay\\x09z\\x85' is odd", e.problem());
        assertEquals(
                "plain.nii: ünïcode stays",
                new VolumeFormatException(Path.of("plain.nii"), "ünïcode stays").getMessage());
    }
}
