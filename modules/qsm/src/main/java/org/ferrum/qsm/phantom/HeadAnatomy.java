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
package org.ferrum.qsm.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The continuous anatomy of the {@link HeadPhantom}, defined in patient coordinates (DICOM LPS, mm, head
 * centre at the origin) so that any grid, straight or oblique, samples the same head.
 *
 * <p>Contract: the anatomy is an ordered list of {@link Compartment}s, each a simple solid (ellipsoid with
 * axes along L, P, S; or a finite cylinder, optionally clipped to another solid) with one tissue label,
 * susceptibility, proton density and R2*. A point belongs to the <em>last</em> compartment in the list that
 * contains it (later compartments are painted over earlier ones), or to nothing (the air around the head).
 * Susceptibilities are in ppm relative to CSF (χ<sub>CSF</sub> = 0), the usual reference of in vivo QSM;
 * air is +9.4 ppm on that scale (volume susceptibility of air ≈ +0.36 ppm, of water/tissue ≈ −9.05 ppm,
 * SI units; Schenck, Med Phys 1996).
 *
 * <p>Layout (sizes of an adult head, simplified): head ellipsoid 152 × 188 × 124 mm (soft tissue), a
 * skull shell, 3 mm of subarachnoid CSF and a brain ellipsoid of 124 × 156 × 92 mm centred 4 mm posterior and 8 mm superior
 * of the origin; a 5 mm cortical grey matter shell over white matter; lateral and third ventricles (CSF);
 * bilateral caudate, putamen, globus pallidus, thalamus, substantia nigra and red nucleus placed roughly as
 * in an atlas around the AC–PC line; four veins of 2 mm radius along L, P, S and oblique (so their fields
 * see different angles to B0); a calcification; and air in the sphenoid and frontal sinuses and both ear
 * canals, all outside the brain, where the strongest background fields of real heads arise. χ of deep grey
 * nuclei are typical 3 T values (e.g. Deistung et al., NeuroImage 2013; Lim et al., NeuroImage 2013);
 * R2* values at 3 T (e.g. Gelman et al., Radiology 1999; Péran et al., Brain 2007).
 */
public final class HeadAnatomy {

    /** χ of air relative to tissue/CSF (ppm): −(−9.05) + 0.36 ≈ 9.4 (Schenck 1996). */
    public static final double AIR_SUSCEPTIBILITY_PPM = 9.4;

    /** A solid in patient coordinates (mm). */
    public interface Solid {
        /** True if the point (x, y, z) mm LPS is inside. */
        boolean contains(double x, double y, double z);

        /** An axis-aligned box holding the solid: {xmin, ymin, zmin, xmax, ymax, zmax} in mm LPS. */
        double[] bounds();
    }

    /**
     * An ellipsoid with axes along L, P, S: ((x−cx)/ax)² + ((y−cy)/ay)² + ((z−cz)/az)² ≤ 1.
     */
    public record Ellipsoid(double cx, double cy, double cz, double ax, double ay, double az) implements Solid {
        @Override
        public boolean contains(double x, double y, double z) {
            double u = (x - cx) / ax, v = (y - cy) / ay, w = (z - cz) / az;
            return u * u + v * v + w * w <= 1;
        }

        @Override
        public double[] bounds() {
            return new double[] {cx - ax, cy - ay, cz - az, cx + ax, cy + ay, cz + az};
        }

        /** The ellipsoid with every semi-axis longer by {@code d} mm (shorter for negative d). */
        public Ellipsoid grown(double d) {
            return new Ellipsoid(cx, cy, cz, ax + d, ay + d, az + d);
        }

        /** The same shape mirrored to the other hemisphere (x → −x). */
        public Ellipsoid mirrored() {
            return new Ellipsoid(-cx, cy, cz, ax, ay, az);
        }
    }

    /** A sphere of radius r around (cx, cy, cz). */
    public static Ellipsoid sphere(double cx, double cy, double cz, double r) {
        return new Ellipsoid(cx, cy, cz, r, r, r);
    }

    /**
     * A straight cylinder of radius {@code r} around the segment from p to q (flat ends), optionally
     * intersected with {@code clip} (null for none).
     */
    public record Cylinder(double[] p, double[] q, double r, Solid clip) implements Solid {
        @Override
        public boolean contains(double x, double y, double z) {
            double ax = q[0] - p[0], ay = q[1] - p[1], az = q[2] - p[2];
            double wx = x - p[0], wy = y - p[1], wz = z - p[2];
            double len2 = ax * ax + ay * ay + az * az;
            double t = (wx * ax + wy * ay + wz * az) / len2;
            if (t < 0 || t > 1) {
                return false;
            }
            double dx = wx - t * ax, dy = wy - t * ay, dz = wz - t * az;
            return dx * dx + dy * dy + dz * dz <= r * r && (clip == null || clip.contains(x, y, z));
        }

        @Override
        public double[] bounds() {
            return new double[] {
                Math.min(p[0], q[0]) - r,
                Math.min(p[1], q[1]) - r,
                Math.min(p[2], q[2]) - r,
                Math.max(p[0], q[0]) + r,
                Math.max(p[1], q[1]) + r,
                Math.max(p[2], q[2]) + r
            };
        }
    }

    /**
     * A region of one tissue.
     *
     * @param name                 e.g. "left putamen"
     * @param label                its class in the label map
     * @param susceptibilityPpm    χ relative to CSF, ppm
     * @param protonDensity        relative proton density (CSF = 1)
     * @param r2StarAt3T           R2* at 3 T in 1/s
     * @param solid                where it is
     */
    public record Compartment(
            String name,
            PhantomLabel label,
            double susceptibilityPpm,
            double protonDensity,
            double r2StarAt3T,
            Solid solid) {}

    private final List<Compartment> compartments;
    private final Ellipsoid head;
    private final Ellipsoid brain;

    private HeadAnatomy(List<Compartment> compartments, Ellipsoid head, Ellipsoid brain) {
        this.compartments = List.copyOf(compartments);
        this.head = head;
        this.brain = brain;
    }

    /**
     * A custom anatomy (e.g. a single sphere for analytic checks of the fields).
     *
     * @param compartments in painting order (a point belongs to the last one containing it)
     * @param head         the outer surface
     * @param brain        the brain's outline
     */
    public static HeadAnatomy of(List<Compartment> compartments, Ellipsoid head, Ellipsoid brain) {
        if (compartments.isEmpty()) {
            throw new IllegalArgumentException("an anatomy needs at least one compartment");
        }
        return new HeadAnatomy(
                compartments, Objects.requireNonNull(head, "head"), Objects.requireNonNull(brain, "brain"));
    }

    /** The standard head described in the class comment. */
    public static HeadAnatomy standard() {
        Ellipsoid head = new Ellipsoid(0, 0, 0, 76, 94, 62);
        Ellipsoid brain = new Ellipsoid(0, 4, 8, 62, 78, 46);
        List<Compartment> c = new ArrayList<>();
        // Outside the brain: soft tissue, then the skull shell (brain grown by 10 mm, kept 3 mm under the scalp).
        c.add(new Compartment("soft tissue", PhantomLabel.SOFT_TISSUE, 0.0, 0.75, 25, head));
        Ellipsoid skullOuter = brain.grown(10);
        Ellipsoid underScalp = head.grown(-3);
        c.add(new Compartment("skull", PhantomLabel.SKULL, -2.0, 0.05, 150, new Solid() {
            @Override
            public boolean contains(double x, double y, double z) {
                return skullOuter.contains(x, y, z) && underScalp.contains(x, y, z);
            }

            @Override
            public double[] bounds() {
                return skullOuter.bounds();
            }
        }));
        // Air: its χ is +9.4 ppm relative to tissue; no signal.
        c.add(new Compartment(
                "sphenoid sinus",
                PhantomLabel.AIR_CAVITY,
                AIR_SUSCEPTIBILITY_PPM,
                0,
                0,
                new Ellipsoid(0, -12, -48, 12, 10, 7)));
        c.add(new Compartment(
                "frontal sinus",
                PhantomLabel.AIR_CAVITY,
                AIR_SUSCEPTIBILITY_PPM,
                0,
                0,
                new Ellipsoid(0, -84, 0, 14, 5, 8)));
        c.add(new Compartment(
                "left ear canal",
                PhantomLabel.AIR_CAVITY,
                AIR_SUSCEPTIBILITY_PPM,
                0,
                0,
                new Cylinder(new double[] {46, 6, -32}, new double[] {90, 6, -32}, 4, head)));
        c.add(new Compartment(
                "right ear canal",
                PhantomLabel.AIR_CAVITY,
                AIR_SUSCEPTIBILITY_PPM,
                0,
                0,
                new Cylinder(new double[] {-46, 6, -32}, new double[] {-90, 6, -32}, 4, head)));
        // CSF between skull and brain (the subarachnoid space, ~3 mm): without it the −2 ppm bone would touch the
        // cortex, and the brain mask's edge voxels would carry a bone susceptibility no real brain mask sees.
        c.add(new Compartment("subarachnoid CSF", PhantomLabel.EXTRACEREBRAL_CSF, 0, 1.0, 2, brain.grown(3)));
        // Brain: grey matter shell over white matter.
        c.add(new Compartment("cortical grey matter", PhantomLabel.GREY_MATTER, 0.02, 0.85, 15, brain));
        c.add(new Compartment("white matter", PhantomLabel.WHITE_MATTER, -0.03, 0.70, 20, brain.grown(-5)));
        // Ventricles (reference CSF).
        Ellipsoid lateralVentricle = new Ellipsoid(10, 0, 24, 4, 24, 6);
        c.add(new Compartment("left lateral ventricle", PhantomLabel.CSF, 0, 1.0, 2, lateralVentricle));
        c.add(new Compartment("right lateral ventricle", PhantomLabel.CSF, 0, 1.0, 2, lateralVentricle.mirrored()));
        c.add(new Compartment("third ventricle", PhantomLabel.CSF, 0, 1.0, 2, new Ellipsoid(0, 12, 8, 1.5, 10, 6)));
        // Deep grey nuclei, bilateral (left: +x in LPS).
        addPair(c, "caudate", PhantomLabel.CAUDATE, 0.06, 0.80, 30, new Ellipsoid(15, -12, 18, 5, 9, 9));
        addPair(c, "putamen", PhantomLabel.PUTAMEN, 0.05, 0.80, 33, new Ellipsoid(25, -3, 5, 5, 13, 9));
        addPair(
                c,
                "globus pallidus",
                PhantomLabel.GLOBUS_PALLIDUS,
                0.18,
                0.75,
                45,
                new Ellipsoid(17.5, -2, 3, 3.5, 8, 6));
        addPair(c, "thalamus", PhantomLabel.THALAMUS, 0.02, 0.80, 28, new Ellipsoid(10, 14, 8, 8, 13, 8));
        addPair(
                c,
                "substantia nigra",
                PhantomLabel.SUBSTANTIA_NIGRA,
                0.15,
                0.75,
                42,
                new Ellipsoid(11, 18, -13, 2.5, 7, 2.5));
        addPair(c, "red nucleus", PhantomLabel.RED_NUCLEUS, 0.12, 0.75, 38, sphere(5, 20, -8, 3));
        // Veins (deoxygenated blood, χ 0.35–0.45 ppm), along S (∥ B0 of a straight scan), L, P and oblique; kept
        // inside the brain.
        c.add(new Compartment(
                "vein along S",
                PhantomLabel.VEIN,
                0.45,
                0.60,
                50,
                new Cylinder(new double[] {-30, 30, -10}, new double[] {-30, 30, 45}, 2, brain)));
        c.add(new Compartment(
                "vein along L",
                PhantomLabel.VEIN,
                0.40,
                0.60,
                50,
                new Cylinder(new double[] {20, 40, 30}, new double[] {48, 40, 30}, 2, brain)));
        c.add(new Compartment(
                "vein along P",
                PhantomLabel.VEIN,
                0.38,
                0.60,
                50,
                new Cylinder(new double[] {35, -40, 20}, new double[] {35, 20, 20}, 2, brain)));
        c.add(new Compartment(
                "oblique vein",
                PhantomLabel.VEIN,
                0.35,
                0.60,
                50,
                new Cylinder(new double[] {-20, -30, 10}, new double[] {-20, 10, 50}, 2, brain)));
        c.add(new Compartment("calcification", PhantomLabel.CALCIFICATION, -0.20, 0.30, 60, sphere(-22, 42, 10, 3)));
        return new HeadAnatomy(c, head, brain);
    }

    /**
     * The {@link #standard()} head with what an independent whole-head phantom has and the standard one lacks, so
     * that whole-chain evaluations meet realistic background fields and a cerebellar nucleus:
     * <ul>
     * <li>both <b>dentate nuclei</b> (χ 0.11 ppm relative to CSF, typical 3 T values 0.10–0.12 ppm, e.g. Deistung et
     *     al., NeuroImage 2013; R2* 35 s⁻¹), in the posterior inferior white matter, label {@link PhantomLabel#DENTATE};</li>
     * <li>air next to the brain's base as in real heads: both <b>maxillary sinuses</b> (large, under the orbits),
     *     the <b>ethmoid air cells</b> between the orbits (below the frontal lobes), and <b>mastoid air cells</b>
     *     (a cluster of small air spheres behind each ear canal, next to the temporal lobes), besides the sphenoid
     *     and frontal sinuses and the ear canals of the standard head; every air compartment is clipped to the head
     *     and kept at least 3 mm outside the brain (inside the skull or soft tissue).</li>
     * </ul>
     * The standard head stays as it is (its figures are quoted in the README); this one is what
     * {@code org.ferrum.qsm.evaluation} runs chains on.
     */
    public static HeadAnatomy wholeHead() {
        HeadAnatomy standard = standard();
        Ellipsoid head = standard.head, brain = standard.brain;
        List<Compartment> c = new ArrayList<>(standard.compartments);
        // Air compartments go before the subarachnoid CSF (so the CSF and brain are painted over any overlap) and after
        // the skull (so air replaces bone where they meet).
        int at = 0;
        while (c.get(at).label() != PhantomLabel.EXTRACEREBRAL_CSF) {
            at++;
        }
        List<Compartment> air = new ArrayList<>();
        Ellipsoid maxillary = new Ellipsoid(22, -58, -40, 11, 13, 13);
        air.add(new Compartment(
                "left maxillary sinus",
                PhantomLabel.AIR_CAVITY,
                AIR_SUSCEPTIBILITY_PPM,
                0,
                0,
                clipped(maxillary, head)));
        air.add(new Compartment(
                "right maxillary sinus",
                PhantomLabel.AIR_CAVITY,
                AIR_SUSCEPTIBILITY_PPM,
                0,
                0,
                clipped(maxillary.mirrored(), head)));
        air.add(new Compartment(
                "ethmoid air cells",
                PhantomLabel.AIR_CAVITY,
                AIR_SUSCEPTIBILITY_PPM,
                0,
                0,
                clipped(new Ellipsoid(0, -70, -30, 8, 12, 8), head)));
        double[][] mastoid = {
            {48, 20, -34, 4}, {54, 24, -30, 3.5}, {44, 26, -40, 3.5}, {52, 30, -36, 3}, {46, 16, -42, 3}
        };
        for (double[] m : mastoid) {
            Ellipsoid cell = sphere(m[0], m[1], m[2], m[3]);
            air.add(new Compartment(
                    "left mastoid air cell",
                    PhantomLabel.AIR_CAVITY,
                    AIR_SUSCEPTIBILITY_PPM,
                    0,
                    0,
                    clipped(cell, head)));
            air.add(new Compartment(
                    "right mastoid air cell",
                    PhantomLabel.AIR_CAVITY,
                    AIR_SUSCEPTIBILITY_PPM,
                    0,
                    0,
                    clipped(cell.mirrored(), head)));
        }
        c.addAll(at, air);
        // Dentate nuclei: inside the white matter, posterior and inferior (the cerebellum of this one-ellipsoid brain).
        addPair(c, "dentate nucleus", PhantomLabel.DENTATE, 0.11, 0.75, 35, new Ellipsoid(14, 44, -18, 6, 8, 5));
        return new HeadAnatomy(c, head, brain);
    }

    /** The part of {@code solid} inside {@code clip}. */
    private static Solid clipped(Ellipsoid solid, Solid clip) {
        return new Solid() {
            @Override
            public boolean contains(double x, double y, double z) {
                return solid.contains(x, y, z) && clip.contains(x, y, z);
            }

            @Override
            public double[] bounds() {
                return solid.bounds();
            }
        };
    }

    private static void addPair(
            List<Compartment> c, String name, PhantomLabel label, double chi, double rho, double r2s, Ellipsoid left) {
        c.add(new Compartment("left " + name, label, chi, rho, r2s, left));
        c.add(new Compartment("right " + name, label, chi, rho, r2s, left.mirrored()));
    }

    /** The compartments in painting order (a point belongs to the last one containing it). */
    public List<Compartment> compartments() {
        return compartments;
    }

    /** The outer surface of the head. */
    public Ellipsoid head() {
        return head;
    }

    /** The brain (its inside is the brain mask). */
    public Ellipsoid brain() {
        return brain;
    }

    /** Index into {@link #compartments()} of the compartment at (x, y, z) mm LPS, or −1 outside the head. */
    public int compartmentAt(double x, double y, double z) {
        for (int c = compartments.size() - 1; c >= 0; c--) {
            if (compartments.get(c).solid().contains(x, y, z)) {
                return c;
            }
        }
        return -1;
    }

    /** χ (ppm, relative to CSF) at (x, y, z) mm LPS; 0 outside the head (see {@link HeadPhantom#chi()}). */
    public double susceptibilityAt(double x, double y, double z) {
        int c = compartmentAt(x, y, z);
        return c < 0 ? 0 : compartments.get(c).susceptibilityPpm();
    }

    /** The label at (x, y, z) mm LPS. */
    public PhantomLabel labelAt(double x, double y, double z) {
        int c = compartmentAt(x, y, z);
        return c < 0 ? PhantomLabel.BACKGROUND : compartments.get(c).label();
    }
}
