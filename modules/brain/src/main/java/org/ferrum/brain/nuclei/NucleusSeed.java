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
package org.ferrum.brain.nuclei;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.ferrum.core.labels.Hemisphere;

/**
 * Where the user says a nucleus is: a click (a point), a box (two opposite corners), or a drawn region (voxels of a
 * label map), each naming the nucleus and its side.
 *
 * <p>Contract: points and corners are in patient millimetres, DICOM LPS (+x left, +y posterior, +z superior), the
 * coordinates the viewer's cursor shows. A click's seed voxels are those within
 * {@link NucleusGrowing.Params#seedRadiusMm()} of the point (at least the voxel holding it); a box's are the voxels
 * whose centres lie in the box; a region's are its voxels. {@code source} is how the user wrote it, quoted in every
 * message about this seed.
 *
 * <p>Text form ({@link #parseAll}), declared here once: entries separated by {@code ;}, each
 * {@code NUCLEUS SIDE=X,Y,Z} (a click) or {@code NUCLEUS SIDE=X1,Y1,Z1:X2,Y2,Z2} (a box), with NUCLEUS as
 * {@link Nucleus#parse} reads it, SIDE {@code left}/{@code right} ({@code l}/{@code r}) and numbers in mm LPS, e.g.
 * {@code substantia nigra left=11,18,-13; red nucleus right=-5,20,-8; dentate left=8,36,-24:20,52,-12}.
 *
 * @param nucleus the nucleus to grow
 * @param side    LEFT or RIGHT
 * @param kind    click, box or drawn region
 * @param point   the click (mm LPS), or the box's first corner; null for a region
 * @param corner  the box's second corner (mm LPS); null otherwise
 * @param voxels  a region's voxel indices (x fastest); null otherwise
 * @param source  how the seed was given, for messages
 */
public record NucleusSeed(
        Nucleus nucleus, Hemisphere side, Kind kind, double[] point, double[] corner, int[] voxels, String source) {

    /** How a seed was given. */
    public enum Kind {
        CLICK,
        BOX,
        REGION
    }

    /** The syntax of {@link #parseAll}, for parameter descriptions and messages. */
    public static final String SYNTAX = "'NUCLEUS SIDE=X,Y,Z' (a click) or 'NUCLEUS SIDE=X1,Y1,Z1:X2,Y2,Z2' (a box),"
            + " entries separated by ';', mm LPS; NUCLEUS substantia nigra|sn, red nucleus|rn, dentate|dn; SIDE left|right";

    public NucleusSeed {
        Objects.requireNonNull(nucleus, "nucleus");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        if (side != Hemisphere.LEFT && side != Hemisphere.RIGHT) {
            throw new IllegalArgumentException("seed '" + source + "': the side must be left or right, got " + side);
        }
        switch (kind) {
            case CLICK -> requirePoint(point, source);
            case BOX -> {
                requirePoint(point, source);
                requirePoint(corner, source);
            }
            case REGION -> {
                if (voxels == null || voxels.length == 0) {
                    throw new IllegalArgumentException("seed '" + source + "' has no voxel");
                }
            }
        }
    }

    private static void requirePoint(double[] p, String source) {
        if (p == null || p.length != 3) {
            throw new IllegalArgumentException("seed '" + source + "' needs a point of three coordinates (mm LPS)");
        }
        for (double v : p) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("seed '" + source + "' has a coordinate that is not a number");
            }
        }
    }

    /** A click at {@code mmLps}. */
    public static NucleusSeed click(Nucleus nucleus, Hemisphere side, double[] mmLps) {
        return new NucleusSeed(
                nucleus, side, Kind.CLICK, mmLps.clone(), null, null, describe(nucleus, side, mmLps, null));
    }

    /** A box with opposite corners {@code a} and {@code b} (mm LPS). */
    public static NucleusSeed box(Nucleus nucleus, Hemisphere side, double[] a, double[] b) {
        return new NucleusSeed(nucleus, side, Kind.BOX, a.clone(), b.clone(), null, describe(nucleus, side, a, b));
    }

    /** A drawn region: voxel indices (x fastest) of the grid grown on. */
    public static NucleusSeed region(Nucleus nucleus, Hemisphere side, int[] voxels, String source) {
        return new NucleusSeed(nucleus, side, Kind.REGION, null, null, voxels.clone(), source);
    }

    private static String describe(Nucleus n, Hemisphere side, double[] a, double[] b) {
        return n.structure() + " " + side.word() + "=" + coords(a) + (b == null ? "" : ":" + coords(b));
    }

    private static String coords(double[] p) {
        return String.format(Locale.ROOT, "%g,%g,%g", p[0], p[1], p[2]).replaceAll("\\.?0+(?=,|$)", "");
    }

    /**
     * The seeds written in the text form (class comment); an empty or blank text gives none.
     *
     * @throws IllegalArgumentException naming the entry (its number and text) and what is wrong with it
     */
    public static List<NucleusSeed> parseAll(String text) {
        List<NucleusSeed> seeds = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return seeds;
        }
        String[] entries = text.split(";");
        for (int e = 0; e < entries.length; e++) {
            String entry = entries[e].trim();
            if (entry.isEmpty()) {
                continue;
            }
            try {
                seeds.add(parse(entry));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(
                        "entry " + (e + 1) + " '" + entry + "': " + ex.getMessage() + "; expected " + SYNTAX);
            }
        }
        return seeds;
    }

    private static NucleusSeed parse(String entry) {
        int eq = entry.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("no '=' between the nucleus and its coordinates");
        }
        String name = entry.substring(0, eq).trim();
        int space = name.lastIndexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("no side after the nucleus (left or right)");
        }
        Nucleus nucleus = Nucleus.parse(name.substring(0, space));
        Hemisphere side = Hemisphere.parse(name.substring(space + 1));
        if (side != Hemisphere.LEFT && side != Hemisphere.RIGHT) {
            throw new IllegalArgumentException(
                    "the side must be left or right, not '" + name.substring(space + 1) + "'");
        }
        String[] corners = entry.substring(eq + 1).split(":", -1);
        if (corners.length > 2) {
            throw new IllegalArgumentException("more than two corners");
        }
        double[] a = point(corners[0]);
        if (corners.length == 1) {
            return new NucleusSeed(nucleus, side, Kind.CLICK, a, null, null, entry);
        }
        return new NucleusSeed(nucleus, side, Kind.BOX, a, point(corners[1]), null, entry);
    }

    private static double[] point(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("'" + text.trim() + "' is not three coordinates X,Y,Z");
        }
        double[] p = new double[3];
        for (int d = 0; d < 3; d++) {
            try {
                p[d] = Double.parseDouble(parts[d].trim());
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("'" + parts[d].trim() + "' is not a number");
            }
            if (!Double.isFinite(p[d])) {
                throw new IllegalArgumentException("'" + parts[d].trim() + "' is not a finite number");
            }
        }
        return p;
    }
}
