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
package org.ferrum.qsm.mask;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;

/**
 * A brain mask by a deformable surface, after the Brain Extraction Tool (Smith, "Fast robust automated brain
 * extraction", Hum Brain Mapp 17:143–155, 2002): a tessellated sphere grows from inside the brain until it meets the
 * dark gap (CSF, skull) between brain and scalp, kept smooth by curvature-dependent forces. Unlike a threshold mask it
 * separates the brain from a bright scalp that encloses it.
 *
 * <p>Method (Smith 2002, §2), on intensities I in mm coordinates (voxel centres at (iΔx, jΔy, kΔz), trilinear
 * interpolation, 0 outside the grid):
 * <ol>
 * <li>t<sub>2</sub>, t<sub>98</sub>: the 2nd and 98th percentiles; t = t<sub>2</sub> + 0.1 (t<sub>98</sub> − t<sub>2</sub>);
 * centre of gravity c of the voxels above t weighted by min(I, t<sub>98</sub>); radius r of a sphere of their volume;
 * t<sub>m</sub> the median of the voxels within r of c with t<sub>2</sub> &lt; I &lt; t<sub>98</sub>.</li>
 * <li>An icosahedron subdivided four times (2562 vertices) of radius r/2 at c.</li>
 * <li>Each of {@code iterations} steps moves every vertex v by u<sub>1</sub> + u<sub>2</sub> + u<sub>3</sub>, with n̂ its
 * outward normal, s the vector to the mean of its neighbours, s<sub>n</sub> = (s·n̂) n̂, s<sub>t</sub> = s − s<sub>n</sub>,
 * l the mean edge length: u<sub>1</sub> = ½ s<sub>t</sub> (even spacing); u<sub>2</sub> = f<sub>2</sub> s<sub>n</sub> with
 * f<sub>2</sub> = ½ (1 + tanh(F (1/ρ − E))), ρ = l² / (2|s<sub>n</sub>|), E = ½ (1/ρ<sub>min</sub> + 1/ρ<sub>max</sub>),
 * F = 6 / (1/ρ<sub>min</sub> − 1/ρ<sub>max</sub>), ρ<sub>min</sub> = 3.33 mm, ρ<sub>max</sub> = 10 mm (smoothness that grows
 * with curvature); u<sub>3</sub> = 0.05 f<sub>3</sub> l n̂ with f<sub>3</sub> = 2 (I<sub>min</sub> − t<sub>l</sub>) /
 * (I<sub>max</sub> − t<sub>2</sub>), t<sub>l</sub> = (I<sub>max</sub> − t<sub>2</sub>) b + t<sub>2</sub>, I<sub>min</sub> =
 * max(t<sub>2</sub>, min(t<sub>m</sub>, I(v − d n̂) for d = 0…20 mm)), I<sub>max</sub> = min(t<sub>m</sub>, max(t, I(v − d n̂)
 * for d = 0…10 mm)) and b the fractional intensity threshold (0.5; smaller gives a larger brain).</li>
 * <li>The mask is the set of voxel centres inside the final surface (parity of ray crossings along axis 2).</li>
 * </ol>
 * Not done (compared with the full tool): the self-intersection test and re-run with more smoothing, and the skull and
 * scalp surfaces.
 */
public final class BrainExtraction {

    private static final double RHO_MIN = 3.33;
    private static final double RHO_MAX = 10;
    private static final double E = 0.5 * (1 / RHO_MIN + 1 / RHO_MAX);
    private static final double F = 6 / (1 / RHO_MIN - 1 / RHO_MAX);
    private static final double SEARCH_MIN_MM = 20;
    private static final double SEARCH_MAX_MM = 10;

    /**
     * @param fractionalThreshold b in (0, 1): 0.5 by default; smaller values give larger brain estimates
     * @param iterations          number of surface updates (1000 in Smith 2002)
     */
    public record Params(double fractionalThreshold, int iterations) {
        public Params {
            if (!(fractionalThreshold > 0 && fractionalThreshold < 1)) {
                throw new IllegalArgumentException(
                        "fractional intensity threshold must lie in (0, 1), got " + fractionalThreshold);
            }
            if (iterations < 1) {
                throw new IllegalArgumentException("iterations must be ≥ 1, got " + iterations);
            }
        }

        public static final Params DEFAULTS = new Params(0.5, 1000);
    }

    private BrainExtraction() {}

    /** The brain mask of one (combined) magnitude image; see the class contract. */
    public static boolean[] compute(float[] image, VoxelGrid grid, Params settings, Cancellation cancellation) {
        Objects.requireNonNull(settings, "settings");
        if (image.length != grid.size()) {
            throw new IllegalArgumentException("image has " + image.length + " voxels, the grid needs " + grid.size());
        }
        float[] img = image.clone();
        for (int n = 0; n < img.length; n++) {
            if (!Float.isFinite(img[n])) {
                img[n] = 0;
            }
        }
        double t2 = MagnitudeMask.percentile(img, 2);
        double t98 = MagnitudeMask.percentile(img, 98);
        double t = t2 + 0.1 * (t98 - t2);
        double[] c = new double[3];
        double weight = 0;
        int above = 0;
        for (int k = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++) {
                    double v = img[grid.index(i, j, k)];
                    if (v > t) {
                        double w = Math.min(v, t98);
                        c[0] += w * i * grid.dx();
                        c[1] += w * j * grid.dy();
                        c[2] += w * k * grid.dz();
                        weight += w;
                        above++;
                    }
                }
            }
        }
        if (above == 0 || !(t98 > t2)) {
            return new boolean[img.length]; // a flat image has no brain to find
        }
        for (int a = 0; a < 3; a++) {
            c[a] /= weight;
        }
        double radius = Math.cbrt(3 * above * grid.dx() * grid.dy() * grid.dz() / (4 * Math.PI));
        double tm = medianInSphere(img, grid, c, radius, t2, t98);

        Mesh mesh = Mesh.icosphere(4);
        int nv = mesh.vertexCount();
        double[] p = new double[3 * nv];
        for (int v = 0; v < nv; v++) {
            for (int a = 0; a < 3; a++) {
                p[3 * v + a] = c[a] + radius / 2 * mesh.unit[3 * v + a];
            }
        }
        double b = settings.fractionalThreshold();
        double[] normals = new double[3 * nv];
        double[] moves = new double[3 * nv];
        for (int iteration = 0; iteration < settings.iterations(); iteration++) {
            cancellation.throwIfCancelled("brain extraction");
            mesh.normals(p, normals);
            double l = mesh.meanEdgeLength(p);
            ParallelLoop.forEachChunk(nv, 0, cancellation, (from, to) -> {
                for (int v = (int) from; v < to; v++) {
                    update(v, p, normals, mesh, l, img, grid, t2, t, tm, b, moves);
                }
            });
            for (int n = 0; n < p.length; n++) {
                p[n] += moves[n];
            }
        }
        return mesh.inside(p, grid, cancellation);
    }

    private static void update(
            int v,
            double[] p,
            double[] normals,
            Mesh mesh,
            double l,
            float[] img,
            VoxelGrid grid,
            double t2,
            double t,
            double tm,
            double b,
            double[] moves) {
        int[] nb = mesh.neighbours[v];
        double mx = 0;
        double my = 0;
        double mz = 0;
        for (int q : nb) {
            mx += p[3 * q];
            my += p[3 * q + 1];
            mz += p[3 * q + 2];
        }
        double vx = p[3 * v];
        double vy = p[3 * v + 1];
        double vz = p[3 * v + 2];
        double sx = mx / nb.length - vx;
        double sy = my / nb.length - vy;
        double sz = mz / nb.length - vz;
        double nx = normals[3 * v];
        double ny = normals[3 * v + 1];
        double nz = normals[3 * v + 2];
        double sn = sx * nx + sy * ny + sz * nz;
        double rho = l * l / (2 * Math.max(Math.abs(sn), 1e-12));
        double f2 = 0.5 * (1 + Math.tanh(F * (1 / rho - E)));
        double iMin = tm;
        double iMax = t;
        double step = Math.min(grid.dx(), Math.min(grid.dy(), grid.dz())) / 2;
        int samples = (int) Math.floor(SEARCH_MIN_MM / step);
        for (int m = 0; m <= samples; m++) {
            double d = m * step;
            double value = sample(img, grid, vx - d * nx, vy - d * ny, vz - d * nz);
            iMin = Math.min(iMin, value);
            if (d <= SEARCH_MAX_MM) {
                iMax = Math.max(iMax, value);
            }
        }
        iMin = Math.max(t2, iMin);
        iMax = Math.min(tm, iMax);
        double tl = (iMax - t2) * b + t2;
        double f3 = iMax > t2 ? 2 * (iMin - tl) / (iMax - t2) : 0;
        // u1 = ½ s_t, u2 = f2 s_n, u3 = 0.05 f3 l n̂, with s_t = s − s_n and s_n = (s·n̂) n̂
        double normal = -0.5 * sn + f2 * sn + 0.05 * f3 * l;
        moves[3 * v] = 0.5 * sx + normal * nx;
        moves[3 * v + 1] = 0.5 * sy + normal * ny;
        moves[3 * v + 2] = 0.5 * sz + normal * nz;
    }

    /** Trilinear interpolation at (x, y, z) mm; 0 outside the grid. */
    static double sample(float[] img, VoxelGrid g, double x, double y, double z) {
        double fi = x / g.dx();
        double fj = y / g.dy();
        double fk = z / g.dz();
        if (fi < 0 || fj < 0 || fk < 0 || fi > g.nx() - 1 || fj > g.ny() - 1 || fk > g.nz() - 1) {
            return 0;
        }
        int i = Math.min((int) fi, Math.max(0, g.nx() - 2));
        int j = Math.min((int) fj, Math.max(0, g.ny() - 2));
        int k = Math.min((int) fk, Math.max(0, g.nz() - 2));
        double a = fi - i;
        double bb = fj - j;
        double cc = fk - k;
        int i1 = Math.min(i + 1, g.nx() - 1);
        int j1 = Math.min(j + 1, g.ny() - 1);
        int k1 = Math.min(k + 1, g.nz() - 1);
        double c00 = img[g.index(i, j, k)] * (1 - a) + img[g.index(i1, j, k)] * a;
        double c10 = img[g.index(i, j1, k)] * (1 - a) + img[g.index(i1, j1, k)] * a;
        double c01 = img[g.index(i, j, k1)] * (1 - a) + img[g.index(i1, j, k1)] * a;
        double c11 = img[g.index(i, j1, k1)] * (1 - a) + img[g.index(i1, j1, k1)] * a;
        double c0 = c00 * (1 - bb) + c10 * bb;
        double c1 = c01 * (1 - bb) + c11 * bb;
        return c0 * (1 - cc) + c1 * cc;
    }

    private static double medianInSphere(float[] img, VoxelGrid g, double[] c, double r, double lo, double hi) {
        float[] values = new float[img.length];
        int count = 0;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double x = i * g.dx() - c[0];
                    double y = j * g.dy() - c[1];
                    double z = k * g.dz() - c[2];
                    float v = img[g.index(i, j, k)];
                    if (x * x + y * y + z * z <= r * r && v > lo && v < hi) {
                        values[count++] = v;
                    }
                }
            }
        }
        if (count == 0) {
            return hi;
        }
        float[] s = Arrays.copyOf(values, count);
        Arrays.sort(s);
        return s[count / 2];
    }

    /** A closed triangle mesh with outward-wound faces. */
    static final class Mesh {
        final double[] unit;
        final int[][] faces;
        final int[][] neighbours;
        final int[][] edges;

        private Mesh(double[] unit, int[][] faces) {
            this.unit = unit;
            this.faces = faces;
            int nv = unit.length / 3;
            List<TreeSet<Integer>> nb = new ArrayList<>();
            for (int v = 0; v < nv; v++) {
                nb.add(new TreeSet<>());
            }
            for (int[] f : faces) {
                for (int e = 0; e < 3; e++) {
                    nb.get(f[e]).add(f[(e + 1) % 3]);
                    nb.get(f[(e + 1) % 3]).add(f[e]);
                }
            }
            neighbours = new int[nv][];
            List<int[]> edgeList = new ArrayList<>();
            for (int v = 0; v < nv; v++) {
                neighbours[v] = nb.get(v).stream().mapToInt(Integer::intValue).toArray();
                for (int q : neighbours[v]) {
                    if (q > v) {
                        edgeList.add(new int[] {v, q});
                    }
                }
            }
            edges = edgeList.toArray(new int[0][]);
        }

        int vertexCount() {
            return unit.length / 3;
        }

        /** The icosahedron subdivided {@code levels} times, vertices on the unit sphere, faces wound outward. */
        static Mesh icosphere(int levels) {
            double g = (1 + Math.sqrt(5)) / 2;
            List<double[]> vs = new ArrayList<>(List.of(
                    new double[] {-1, g, 0},
                    new double[] {1, g, 0},
                    new double[] {-1, -g, 0},
                    new double[] {1, -g, 0},
                    new double[] {0, -1, g},
                    new double[] {0, 1, g},
                    new double[] {0, -1, -g},
                    new double[] {0, 1, -g},
                    new double[] {g, 0, -1},
                    new double[] {g, 0, 1},
                    new double[] {-g, 0, -1},
                    new double[] {-g, 0, 1}));
            vs.replaceAll(Mesh::normalised);
            // the 20 faces: the 5 around vertex 0, the 5 adjacent, the 5 around vertex 3, the 5 adjacent
            int[][] f = {
                {0, 11, 5},
                {0, 5, 1},
                {0, 1, 7},
                {0, 7, 10},
                {0, 10, 11},
                {1, 5, 9},
                {5, 11, 4},
                {11, 10, 2},
                {10, 7, 6},
                {7, 1, 8},
                {3, 9, 4},
                {3, 4, 2},
                {3, 2, 6},
                {3, 6, 8},
                {3, 8, 9},
                {4, 9, 5},
                {2, 4, 11},
                {6, 2, 10},
                {8, 6, 7},
                {9, 8, 1}
            };
            List<int[]> faces = new ArrayList<>(Arrays.asList(f));
            for (int level = 0; level < levels; level++) {
                Map<Long, Integer> midpoints = new HashMap<>();
                List<int[]> finer = new ArrayList<>();
                for (int[] t : faces) {
                    int ab = midpoint(vs, midpoints, t[0], t[1]);
                    int bc = midpoint(vs, midpoints, t[1], t[2]);
                    int ca = midpoint(vs, midpoints, t[2], t[0]);
                    finer.add(new int[] {t[0], ab, ca});
                    finer.add(new int[] {t[1], bc, ab});
                    finer.add(new int[] {t[2], ca, bc});
                    finer.add(new int[] {ab, bc, ca});
                }
                faces = finer;
            }
            double[] unit = new double[3 * vs.size()];
            for (int v = 0; v < vs.size(); v++) {
                System.arraycopy(vs.get(v), 0, unit, 3 * v, 3);
            }
            // make every face wind outward (its normal pointing away from the centre), whatever the table's order
            for (int[] t : faces) {
                double[] n = cross(unit, t[0], t[1], t[2]);
                double dot = n[0] * unit[3 * t[0]] + n[1] * unit[3 * t[0] + 1] + n[2] * unit[3 * t[0] + 2];
                if (dot < 0) {
                    int swap = t[1];
                    t[1] = t[2];
                    t[2] = swap;
                }
            }
            return new Mesh(unit, faces.toArray(new int[0][]));
        }

        private static int midpoint(List<double[]> vs, Map<Long, Integer> cache, int a, int b) {
            long key = Math.min(a, b) * 1_000_000L + Math.max(a, b);
            Integer known = cache.get(key);
            if (known != null) {
                return known;
            }
            double[] pa = vs.get(a);
            double[] pb = vs.get(b);
            vs.add(normalised(new double[] {pa[0] + pb[0], pa[1] + pb[1], pa[2] + pb[2]}));
            cache.put(key, vs.size() - 1);
            return vs.size() - 1;
        }

        private static double[] normalised(double[] v) {
            double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
            return new double[] {v[0] / n, v[1] / n, v[2] / n};
        }

        private static double[] cross(double[] p, int a, int b, int c) {
            double ux = p[3 * b] - p[3 * a];
            double uy = p[3 * b + 1] - p[3 * a + 1];
            double uz = p[3 * b + 2] - p[3 * a + 2];
            double vx = p[3 * c] - p[3 * a];
            double vy = p[3 * c + 1] - p[3 * a + 1];
            double vz = p[3 * c + 2] - p[3 * a + 2];
            return new double[] {uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx};
        }

        /** Unit vertex normals: the area-weighted sum of the normals of the faces around each vertex. */
        void normals(double[] p, double[] out) {
            Arrays.fill(out, 0);
            for (int[] t : faces) {
                int a = 3 * t[0];
                int b = 3 * t[1];
                int c = 3 * t[2];
                double ux = p[b] - p[a];
                double uy = p[b + 1] - p[a + 1];
                double uz = p[b + 2] - p[a + 2];
                double vx = p[c] - p[a];
                double vy = p[c + 1] - p[a + 1];
                double vz = p[c + 2] - p[a + 2];
                double nx = uy * vz - uz * vy;
                double ny = uz * vx - ux * vz;
                double nz = ux * vy - uy * vx;
                for (int v : t) {
                    out[3 * v] += nx;
                    out[3 * v + 1] += ny;
                    out[3 * v + 2] += nz;
                }
            }
            for (int v = 0; v < out.length / 3; v++) {
                double len = Math.sqrt(
                        out[3 * v] * out[3 * v] + out[3 * v + 1] * out[3 * v + 1] + out[3 * v + 2] * out[3 * v + 2]);
                if (len > 0) {
                    out[3 * v] /= len;
                    out[3 * v + 1] /= len;
                    out[3 * v + 2] /= len;
                }
            }
        }

        double meanEdgeLength(double[] p) {
            double sum = 0;
            for (int[] e : edges) {
                double dx = p[3 * e[0]] - p[3 * e[1]];
                double dy = p[3 * e[0] + 1] - p[3 * e[1] + 1];
                double dz = p[3 * e[0] + 2] - p[3 * e[1] + 2];
                sum += Math.sqrt(dx * dx + dy * dy + dz * dz);
            }
            return sum / edges.length;
        }

        /**
         * Voxels whose centre lies inside the surface: for each column (i, j) along axis 2, the heights where the
         * surface crosses it, and the parity of the crossings below each voxel centre. The column is moved by a tiny
         * irrational offset so that it never passes exactly through a vertex or an edge.
         */
        boolean[] inside(double[] p, VoxelGrid g, Cancellation cancellation) {
            int nx = g.nx();
            int ny = g.ny();
            List<List<Double>> crossings = new ArrayList<>(nx * ny);
            for (int q = 0; q < nx * ny; q++) {
                crossings.add(null);
            }
            double ex = 1.234567e-4 * g.dx();
            double ey = 2.345678e-4 * g.dy();
            for (int[] t : faces) {
                double ax = p[3 * t[0]];
                double ay = p[3 * t[0] + 1];
                double bx = p[3 * t[1]];
                double by = p[3 * t[1] + 1];
                double cx = p[3 * t[2]];
                double cy = p[3 * t[2] + 1];
                int i0 = Math.max(0, (int) Math.floor(Math.min(ax, Math.min(bx, cx)) / g.dx()));
                int i1 = Math.min(nx - 1, (int) Math.ceil(Math.max(ax, Math.max(bx, cx)) / g.dx()));
                int j0 = Math.max(0, (int) Math.floor(Math.min(ay, Math.min(by, cy)) / g.dy()));
                int j1 = Math.min(ny - 1, (int) Math.ceil(Math.max(ay, Math.max(by, cy)) / g.dy()));
                double det = (by - cy) * (ax - cx) + (cx - bx) * (ay - cy);
                if (det == 0) {
                    continue; // a face seen edge-on from the column direction is crossed by no column
                }
                for (int j = j0; j <= j1; j++) {
                    for (int i = i0; i <= i1; i++) {
                        double x = i * g.dx() + ex;
                        double y = j * g.dy() + ey;
                        double l1 = ((by - cy) * (x - cx) + (cx - bx) * (y - cy)) / det;
                        double l2 = ((cy - ay) * (x - cx) + (ax - cx) * (y - cy)) / det;
                        double l3 = 1 - l1 - l2;
                        if (l1 >= 0 && l2 >= 0 && l3 >= 0) {
                            double z = l1 * p[3 * t[0] + 2] + l2 * p[3 * t[1] + 2] + l3 * p[3 * t[2] + 2];
                            int q = i + nx * j;
                            if (crossings.get(q) == null) {
                                crossings.set(q, new ArrayList<>());
                            }
                            crossings.get(q).add(z);
                        }
                    }
                }
            }
            boolean[] mask = new boolean[g.size()];
            ParallelLoop.forEachChunk((long) nx * ny, 0, cancellation, (from, to) -> {
                for (int q = (int) from; q < to; q++) {
                    List<Double> zs = crossings.get(q);
                    if (zs == null) {
                        continue;
                    }
                    double[] sorted = zs.stream()
                            .mapToDouble(Double::doubleValue)
                            .sorted()
                            .toArray();
                    for (int k = 0; k < g.nz(); k++) {
                        double z = k * g.dz();
                        int below = 0;
                        while (below < sorted.length && sorted[below] < z) {
                            below++;
                        }
                        mask[q + nx * ny * k] = (below & 1) == 1;
                    }
                }
            });
            return mask;
        }
    }
}
