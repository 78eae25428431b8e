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
package org.ferrum.charts;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Leaves the sample charts in target/chart-preview for a person to look at (the build's screenshots). */
class PreviewTest {

    @Test
    void writesPreviewImages() throws Exception {
        Path dir = Path.of("target", "chart-preview");
        PreviewImages.main(new String[] {dir.toString()});
        for (String name : new String[] {
            "lic-over-time.png",
            "iron-balance.png",
            "tumour-response.png",
            "bland-altman.png",
            "lic-over-time.svg",
            "lic-over-time.pdf",
            "lic-over-time.csv"
        }) {
            assertTrue(Files.size(dir.resolve(name)) > 100, name);
        }
    }
}
