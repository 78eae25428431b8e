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
package org.ferrum.study.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.io.VolumeFiles;
import org.ferrum.liver.phantom.AbdomenPhantom;
import org.ferrum.liver.phantom.AbdomenTissue;
import org.ferrum.liver.phantom.SimulatedAbdomenCase;
import org.ferrum.study.DerivedMap;
import org.ferrum.study.StudyDatabase;
import org.ferrum.study.StudyException;
import org.ferrum.study.Subject;
import org.ferrum.study.Visit;

/**
 * Maps for the demo cohort: the simulated abdomen's true χ, R2*, LIC and PDFF written as NIfTI into the study folder
 * and recorded as derived maps of the first demo subject's latest visit, with provenance saying they are synthetic. So
 * the demo's study browser has maps to open, and the first-start comparison is read from the database like real data.
 */
final class DemoMaps {

    static final String SUBJECT = "DEMO-T01";
    private static final String PROVENANCE =
            "{\"demo\":\"synthetic\",\"source\":\"org.ferrum.liver.phantom.AbdomenPhantom,"
                    + " SimulatedAbdomenCase (true maps)\"}";

    private DemoMaps() {}

    /**
     * Writes the maps and records them on {@link #SUBJECT}'s latest visit; returns that visit's id, or empty if the
     * subject is not in the database.
     */
    static Optional<Long> attach(StudyDatabase db, Path folder) throws StudyException, IOException {
        Optional<Subject> subject = db.inTransaction(repo -> repo.subjectByCode(SUBJECT));
        if (subject.isEmpty()) {
            return Optional.empty();
        }
        Optional<Visit> visit = db.inTransaction(
                repo -> repo.visitsOf(subject.get().id()).stream().max(Comparator.comparing(Visit::visitDate)));
        if (visit.isEmpty()) {
            return Optional.empty();
        }
        AbdomenPhantom p = SimulatedAbdomenCase.phantom();
        float[] labels = VolumeArrays.frame(p.labels(), 0);
        Map<String, Volume<FloatType>> maps = new LinkedHashMap<>();
        maps.put("chi", inTissue(p.chi(), labels));
        maps.put("r2star", inTissue(p.r2star(), labels));
        maps.put("lic", p.lic());
        maps.put("pdff", inTissue(p.pdff(), labels));
        Files.createDirectories(folder);
        Map<String, Path> files = new LinkedHashMap<>();
        for (Map.Entry<String, Volume<FloatType>> m : maps.entrySet()) {
            Path file = folder.resolve(m.getKey() + ".nii.gz");
            VolumeFiles.write(m.getValue(), file);
            files.put(m.getKey(), file);
        }
        long visitId = visit.get().id();
        db.inTransaction(repo -> {
            for (Map.Entry<String, Path> f : files.entrySet()) {
                repo.insert(new DerivedMap(
                        null,
                        visitId,
                        f.getKey(),
                        f.getValue().toString(),
                        maps.get(f.getKey()).unit().symbol(),
                        PROVENANCE));
            }
            return null;
        });
        return Optional.of(visitId);
    }

    /** The map with NaN (shown transparent) where there is no tissue: air, bowel gas, lung. */
    static Volume<FloatType> inTissue(Volume<FloatType> map, float[] labels) {
        float[] v = VolumeArrays.frame(map, 0);
        for (int n = 0; n < v.length; n++) {
            if (AbdomenTissue.ofLabel((int) labels[n]).protonDensity() < 0.5) {
                v[n] = Float.NaN;
            }
        }
        return VolumeArrays.volume(v, VoxelGrid.of(map), map.geometry(), map.unit());
    }

    /** The maps recorded on a visit, read from their files (for the linked viewer); unreadable files are skipped. */
    static List<org.ferrum.viewer.NamedVolume> read(StudyDatabase db, long visitId) throws StudyException {
        List<DerivedMap> rows = db.inTransaction(repo -> repo.findBy(DerivedMap.class, "visit_id", visitId));
        List<org.ferrum.viewer.NamedVolume> out = new java.util.ArrayList<>();
        for (DerivedMap m : rows) {
            try {
                out.add(new org.ferrum.viewer.NamedVolume(
                        m.kind() + " (" + m.unit() + ")", VolumeFiles.readFloat(Path.of(m.path()))));
            } catch (IOException | RuntimeException e) {
                java.util.logging.Logger.getLogger(DemoMaps.class.getName())
                        .warning("cannot read map " + m.path() + ": " + e.getMessage());
            }
        }
        return out;
    }
}
