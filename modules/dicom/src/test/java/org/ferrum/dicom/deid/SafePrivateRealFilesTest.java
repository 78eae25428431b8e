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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.ferrum.dicom.DicomDataset;
import org.ferrum.dicom.DicomFile;
import org.ferrum.dicom.DicomFormatException;
import org.ferrum.dicom.DicomParser;
import org.junit.jupiter.api.Test;

/**
 * The creators in safe-private.tsv are those real scanners write: for every Siemens, GE and Philips file of
 * {@code testdata/dicom} (dcm2niix's QA sets), each private attribute that Ferrum's reader takes for that vendor (the
 * {@code SIEMENS_*}, {@code GE_*} and {@code PHILIPS_*} tag constants of {@code DiffusionTags} and {@code FrameTags})
 * that the file holds, at any depth, must be safe under the Private Creator that reserved its block in that file.
 */
class SafePrivateRealFilesTest {

    private static final Path TESTDATA = Path.of(System.getProperty("basedir", "."), "../../testdata/dicom");
    private static final int MANUFACTURER = 0x00080070;

    /** Vendor prefix (SIEMENS, GE, PHILIPS) → private tags the reader takes for it. */
    private static Map<String, List<Integer>> readerTagsByVendor() throws ReflectiveOperationException {
        Map<String, List<Integer>> out = new TreeMap<>();
        for (String cls : List.of("org.ferrum.dicom.DiffusionTags", "org.ferrum.dicom.FrameTags")) {
            for (Field f : Class.forName(cls).getDeclaredFields()) {
                int mod = f.getModifiers();
                if (f.getType() != int.class || !Modifier.isStatic(mod) || !Modifier.isFinal(mod)) {
                    continue;
                }
                f.setAccessible(true);
                int tag = f.getInt(null);
                String vendor = f.getName().substring(0, f.getName().indexOf('_') + 1);
                if (((tag >>> 16) & 1) == 1
                        && List.of("SIEMENS_", "GE_", "PHILIPS_").contains(vendor)) {
                    out.computeIfAbsent(vendor.substring(0, vendor.length() - 1), k -> new ArrayList<>())
                            .add(tag);
                }
            }
        }
        return out;
    }

    private static String vendorOf(String manufacturer) {
        String m = manufacturer.toUpperCase(Locale.ROOT);
        if (m.startsWith("SIEMENS")) {
            return "SIEMENS";
        }
        if (m.startsWith("GE")) {
            return "GE";
        }
        return m.startsWith("PHILIPS") ? "PHILIPS" : "";
    }

    @Test
    void readerTagsInRealFilesAreSafeUnderTheirCreators() throws Exception {
        Map<String, List<Integer>> byVendor = readerTagsByVendor();
        assertTrue(byVendor.keySet().containsAll(List.of("SIEMENS", "GE", "PHILIPS")), byVendor.toString());
        DeidentificationProfile p = DeidentificationProfile.standard();
        Map<String, Integer> checked = new TreeMap<>();
        Set<String> unsafe = new TreeSet<>(); // one line per file and tag, however many frames repeat it
        List<Path> files;
        try (Stream<Path> s = Files.walk(TESTDATA)) {
            files = s.filter(Files::isRegularFile)
                    .filter(f -> f.toString().contains("/In/"))
                    .sorted()
                    .toList();
        }
        for (Path file : files) {
            DicomFile dicom;
            try {
                dicom = DicomParser.readHeader(file);
            } catch (IOException e) {
                continue; // not DICOM (README, reference outputs)
            }
            String vendor = vendorOf(dicom.dataset().string(MANUFACTURER).orElse(""));
            List<Integer> tags = byVendor.getOrDefault(vendor, List.of());
            check(p, file, dicom.dataset(), tags, vendor, checked, unsafe, 0);
        }
        assertEquals(Set.of(), unsafe, "reader tags not safe under the creator the file gives them");
        for (String v : List.of("SIEMENS", "GE", "PHILIPS")) {
            assertTrue(checked.getOrDefault(v, 0) > 0, "no " + v + " file with a reader tag was checked: " + checked);
        }
    }

    private static void check(
            DeidentificationProfile p,
            Path file,
            DicomDataset ds,
            List<Integer> tags,
            String vendor,
            Map<String, Integer> checked,
            Set<String> unsafe,
            int depth)
            throws DicomFormatException {
        for (int tag : tags) {
            if (!ds.contains(tag)) {
                continue;
            }
            int creatorTag = (tag & 0xFFFF0000) | ((tag >>> 8) & 0xFF);
            String creator = ds.string(creatorTag).orElse("");
            checked.merge(vendor, 1, Integer::sum);
            if (!p.isSafePrivate(creator, tag)) {
                unsafe.add(String.format(
                        "%s: (%04X,%04X) under '%s'", TESTDATA.relativize(file), tag >>> 16, tag & 0xFFFF, creator));
            }
        }
        if (depth > 4) {
            return;
        }
        for (int t : ds.tags()) {
            if (ds.vr(t).map(v -> v.name().equals("SQ")).orElse(false)) {
                for (DicomDataset item : ds.sequence(t)) {
                    check(p, file, item, tags, vendor, checked, unsafe, depth + 1);
                }
            }
        }
    }
}
