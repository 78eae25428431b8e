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

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The liver regions the study knows, declared once: the whole liver, its lobes, the parts of the right lobe the liver
 * phantoms use, and Couinaud's eight segments — each with the names ROI rows are recorded under.
 *
 * <p>Contract: {@link #ofRecorded} maps a recorded region name (case, surrounding blanks and repeated blanks ignored)
 * to its region or to nothing (not a liver region: spleen, muscle, …). Recorded names: the whole liver as
 * {@code liver} (the demo cohort, CSV imports) or {@code whole liver}; the lobes as the liver pipelines' tissue names
 * {@code liver right lobe}, {@code liver left lobe} ({@code liver.measurements} on the simulated abdomen, label names of
 * {@code testdata/pipelines/liver-hqsm.json}); the right lobe's parts as {@code liver right lateral}, {@code liver
 * right medial} ({@code LiverIronPhantom}); segments as {@code liver segment 1} … {@code 8}, {@code liver segment I} …
 * {@code VIII} or {@code S1} … {@code S8}. Each region names the region it lies in ({@link #parent}): segments 1
 * (caudate) and 2–4 in the left lobe by Couinaud's functional division (Cantlie's line) — 1 is listed under the whole
 * liver, since it belongs to neither lobe — and 5–8 in the right lobe.
 *
 * <p>Whole-liver value of a visit ({@link #wholeLiver}): the {@code liver} row if there is one; otherwise the
 * voxel-count weighted mean of the medians of the recorded liver regions that do not lie inside another recorded one
 * (so a right lobe recorded with its lateral and medial parts counts once). That is the mean of the regional
 * medians, not the median over all liver voxels, and says so where it is shown.
 */
public enum LiverRegion {
    WHOLE_LIVER("whole liver", null, "liver", "whole liver"),
    RIGHT_LOBE("right lobe", WHOLE_LIVER, "liver right lobe"),
    LEFT_LOBE("left lobe", WHOLE_LIVER, "liver left lobe"),
    RIGHT_LATERAL("right lobe, lateral", RIGHT_LOBE, "liver right lateral"),
    RIGHT_MEDIAL("right lobe, medial", RIGHT_LOBE, "liver right medial"),
    SEGMENT_1("segment I (caudate)", WHOLE_LIVER, segmentNames(1)),
    SEGMENT_2("segment II", LEFT_LOBE, segmentNames(2)),
    SEGMENT_3("segment III", LEFT_LOBE, segmentNames(3)),
    SEGMENT_4("segment IV", LEFT_LOBE, segmentNames(4)),
    SEGMENT_5("segment V", RIGHT_LOBE, segmentNames(5)),
    SEGMENT_6("segment VI", RIGHT_LOBE, segmentNames(6)),
    SEGMENT_7("segment VII", RIGHT_LOBE, segmentNames(7)),
    SEGMENT_8("segment VIII", RIGHT_LOBE, segmentNames(8));

    private static final Map<String, LiverRegion> BY_NAME = new TreeMap<>();

    static {
        for (LiverRegion r : values()) {
            for (String n : r.names) {
                if (BY_NAME.put(normalise(n), r) != null) {
                    throw new ExceptionInInitializerError("liver region name '" + n + "' declared twice");
                }
            }
        }
    }

    private final String label;
    private final LiverRegion parent;
    private final List<String> names;

    LiverRegion(String label, LiverRegion parent, String... names) {
        this.label = label;
        this.parent = parent;
        this.names = List.of(names);
    }

    private static String[] segmentNames(int n) {
        String roman = new String[] {"I", "II", "III", "IV", "V", "VI", "VII", "VIII"}[n - 1];
        return new String[] {"liver segment " + n, "liver segment " + roman, "S" + n};
    }

    /** How the UI names the region ("right lobe", "segment IV"). */
    public String label() {
        return label;
    }

    /** The name a new row of this region is recorded under (the first of {@link #names}). */
    public String recordedName() {
        return names.get(0);
    }

    /** Every name a row of this region may be recorded under. */
    public List<String> names() {
        return names;
    }

    /** The region this one lies in; null for the whole liver. */
    public LiverRegion parent() {
        return parent;
    }

    /** True if this region lies (directly or further down) inside {@code other}. */
    public boolean isInside(LiverRegion other) {
        for (LiverRegion p = parent; p != null; p = p.parent) {
            if (p == other) {
                return true;
            }
        }
        return false;
    }

    /** The liver region a recorded ROI name stands for, or empty if it is not one. */
    public static Optional<LiverRegion> ofRecorded(String recorded) {
        return recorded == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(normalise(recorded)));
    }

    /** Every recorded name of every liver region, normalised (lower case, single blanks): for SQL {@code IN} lists. */
    public static Set<String> allNormalisedNames() {
        return java.util.Collections.unmodifiableSet(BY_NAME.keySet());
    }

    /** Lower case, trimmed, runs of blanks as one: how recorded names are compared. */
    public static String normalise(String name) {
        return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /**
     * One region's value at one visit.
     *
     * @param region the region
     * @param median its median (finite)
     * @param n      its voxel count (0 or less if not recorded)
     */
    public record Value(LiverRegion region, double median, int n) {}

    /**
     * The whole-liver value of one visit from its liver-region values (see the class contract): the {@code liver} row,
     * else the voxel-weighted mean of the outermost recorded regions' medians (unweighted if a count is missing); NaN
     * without any liver value.
     */
    public static double wholeLiver(Collection<Value> values) {
        List<Value> outermost = new ArrayList<>();
        for (Value v : values) {
            if (!Double.isFinite(v.median())) {
                continue;
            }
            if (v.region() == WHOLE_LIVER) {
                return v.median();
            }
            boolean inner = values.stream()
                    .anyMatch(o -> o != v
                            && Double.isFinite(o.median())
                            && o.region() != WHOLE_LIVER
                            && v.region().isInside(o.region()));
            if (!inner) {
                outermost.add(v);
            }
        }
        if (outermost.isEmpty()) {
            return Double.NaN;
        }
        boolean counted = outermost.stream().allMatch(v -> v.n() > 0);
        double sum = 0;
        double weight = 0;
        for (Value v : outermost) {
            double w = counted ? v.n() : 1;
            sum += w * v.median();
            weight += w;
        }
        return sum / weight;
    }
}
