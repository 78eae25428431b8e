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
package org.ferrum.perfusion.phantom;

import java.util.SplittableRandom;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.FieldUnits;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.VolumeArrays;
import org.ferrum.core.VoxelGrid;
import org.ferrum.core.acquisition.EchoTimes;
import org.ferrum.core.acquisition.GreAcquisition;
import org.ferrum.core.acquisition.MultiEchoGre;
import org.ferrum.relaxometry.FatSpectrum;
import org.ferrum.relaxometry.t1.SpgrSignal;

/**
 * A simulated lumbar spine slab at 1.5 T with a vertebral metastasis, for quantitative MRI of the marrow: variable flip
 * angle T1 with a B1 map, DCE (extended Tofts, water–fat marrow), IVIM diffusion and chemical-shift encoded multi-echo
 * GRE, all on one grid, with the true maps. Made with {@link #of(Params)}; {@link Params#DEFAULTS} is the case shipped
 * in {@code testdata/spine/simulated-spine}.
 *
 * <p>Contract:
 * <ul>
 * <li><b>Grid</b>: 96 × 96 × 8 voxels of 2 × 2 × 4 mm, axial, centred on the patient origin (LPS: +x left, +y
 *     posterior, +z superior).</li>
 * <li><b>Anatomy</b> (mm, in-plane; the same on every slice except the tumour): a vertebral body (ellipse 42 × 32 mm
 *     centred at the origin, 1.5 mm cortical shell) with a spherical metastasis (diameter 15 mm, centre (−8, 2, 0),
 *     in the patient's right half), the spinal canal (radius 10 mm, centre (0, 27)) of CSF holding the cord (ellipse 10
 *     × 8 mm), the neural arch and spinous process (marrow), the aorta (diameter 20 mm, centre (18, −32):
 *     anterior-left), psoas and erector spinae muscles, soft tissue, and posterior subcutaneous fat to the skin at y =
 *     80 mm (air behind it). {@link SpineTissue} holds the properties.</li>
 * <li><b>Partial volume</b>: each voxel averages 2 × 2 × 2 sub-samples; every signal is the sub-sample mix of the
 *     tissues' signals. {@link #labels()} is the tissue with most sub-samples and the truth maps are its values.</li>
 * <li><b>Water and fat</b>: M0 = 1000 · protonDensity; water has T1w and takes up the agent (R1w = 1/T1w + r1 C),
 *     fat has T1 {@link #FAT_T1} and none; SPGR signals use {@link SpgrSignal#signalWaterFat} (fat as its in-phase
 *     sum) with flip angle × B1.</li>
 * <li><b>VFA</b>: TR {@link #TR} s, flip angles {@link #VFA_FLIP_DEG}; B1 {@link #b1()} (actual/nominal flip angle)
 *     is smooth, 0.72–1.01 over the field of view and ≈ 0.99 at the vertebral body.</li>
 * <li><b>DCE</b>: {@link #FRAMES} frames of {@link #FRAME_SECONDS} s (start times k·4 s), TR {@link #TR}, flip
 *     {@link #DCE_FLIP_DEG}°; injection at {@link #INJECTION_SECONDS} s (5 baseline frames); {@link ParkerAif}
 *     blood curve Cb, plasma Cp = Cb/(1 − Hct); tissue curves {@link ToftsCurves} on a 0.05 s grid, averaged over
 *     each frame; aorta voxels carry Cb (R1 = 1/T1b + r1 Cb).</li>
 * <li><b>DWI</b> (fat suppressed: water signal only; T2 weighting not modelled): S(b) = M0 (1 − PDFF) [f e^{−b D*} +
 *     (1 − f) e^{−b D}] (the OSIPI TF2.4 convention), trace-weighted, b-values {@link #B_VALUES} s/mm².</li>
 * <li><b>GRE</b>: 6 echoes, TE 1.2 + 1.6 n ms; S = Σ M0 [(1 − PDFF) + PDFF c(TE)] e^{−R2* TE} e^{i(2π ψ TE + φ0)}
 *     with the 6-peak fat spectrum {@code liver-6peak} (Hamilton et al. 2011), a smooth field ψ (−46 … +29 Hz) and receive
 *     phase φ0.</li>
 * <li><b>Sharing</b>: each acquisition and the apparent-T1 map is computed once, on first use, and the same volume
 *     is returned afterwards: callers must not write into them ({@link VolumeArrays#frame} copies).</li>
 * <li><b>Noise</b>: Gaussian in the real and imaginary channel (magnitude images are therefore Rician), σ = the
 *     reference signal / SNR: VFA the normal marrow's largest signal over the angles, DCE the normal marrow's baseline,
 *     DWI the normal marrow's b = 0 signal, GRE M0 = 1000 (marrow at TE = 0). Seeded per modality (seed, seed + 1,
 *     …), Box–Muller on {@link SplittableRandom#nextDouble()}; deterministic.</li>
 * </ul>
 */
public final class SpinePhantom {

    /** B0, T. */
    public static final double FIELD_STRENGTH = 1.5;
    /** Fat T1 at 1.5 T, s: subcutaneous fat 343 ms (de Bazelaire CMJ et al. Radiology 2004;230:652–659). */
    public static final double FAT_T1 = 0.343;
    /** TR of the VFA and DCE acquisitions, s. */
    public static final double TR = 0.004;
    /** Nominal VFA flip angles, degrees. */
    public static final double[] VFA_FLIP_DEG = {2, 5, 10, 15};
    /** DCE flip angle, degrees. */
    public static final double DCE_FLIP_DEG = 15;
    /** DCE frames. */
    public static final int FRAMES = 64;
    /** DCE frame duration = spacing, s. */
    public static final double FRAME_SECONDS = 4;
    /** Start of the injection, s (frames 0–4 are baseline). */
    public static final double INJECTION_SECONDS = 20;
    /** Fine time step of the tissue curves, s. */
    public static final double FINE_STEP_SECONDS = 0.05;
    /** b-values, s/mm². */
    public static final double[] B_VALUES = {0, 10, 20, 30, 50, 80, 100, 150, 200, 300, 400, 500, 600, 800, 1000};
    /** GRE echo times, ms. */
    public static final double[] ECHO_TIMES_MS = {1.2, 2.8, 4.4, 6.0, 7.6, 9.2};
    /** The fat spectrum of the GRE. */
    public static final String FAT_SPECTRUM = "liver-6peak";
    /** The contrast agent. */
    public static final String AGENT = "gadoteridol";
    /** M0 of pure water, a.u. */
    public static final double SCALE = 1000;

    private static final int SUB = 2;
    private static final int NX = 96;
    private static final int NY = 96;
    private static final int NZ = 8;
    private static final double DX = 2;
    private static final double DZ = 4;

    /**
     * The settings.
     *
     * @param relaxivity   r1 of the agent in plasma, 1/s/mM
     * @param haematocrit  large-vessel haematocrit
     * @param snrVfa       SNR of the VFA (see the class contract)
     * @param snrDce       SNR of the DCE baseline
     * @param snrDwi       SNR of the DWI at b = 0
     * @param snrGre       SNR of the GRE at TE = 0
     * @param seed         noise seed (0 or any long); SNR 0 = no noise
     */
    public record Params(
            double relaxivity,
            double haematocrit,
            double snrVfa,
            double snrDce,
            double snrDwi,
            double snrGre,
            long seed) {

        /**
         * Gadoteridol in human plasma at 1.5 T, 37 °C: r1 = 3.80 L/(mmol·s) (Szomolanyi P, Rohrer M, Frenzel T, et al.
         * Invest Radiol 2019;54:559–564); Hct 0.42; SNR 60 (VFA), 40 (DCE), 40 (DWI), 50 (GRE); seed 1.
         */
        public static final Params DEFAULTS = new Params(3.80, 0.42, 60, 40, 40, 50, 1);

        /** The same settings without noise. */
        public Params noiseless() {
            return new Params(relaxivity, haematocrit, 0, 0, 0, 0, seed);
        }
    }

    private final Params params;
    private final VoxelGrid grid = new VoxelGrid(NX, NY, NZ, DX, DX, DZ);
    private final Geometry geometry = Geometry.ofAffine(
            DX, 0, 0, -0.5 * (NX - 1) * DX, 0, DX, 0, -0.5 * (NY - 1) * DX, 0, 0, DZ, -0.5 * (NZ - 1) * DZ);
    private final int n = NX * NY * NZ;
    private final SpineTissue[] tissues = SpineTissue.values();
    /** Sub-sample fraction of each tissue per voxel, [tissue ordinal][voxel]. */
    private final float[][] fraction;

    private final int[] label;
    private final double[] b1;
    private final double[] fieldHz;
    private final double[] phase0;
    private final double[] frameStart;
    private final double[] aifBlood;
    private final double[][] tissueConcentration;
    private final double[] iauc60;
    private Volume<FloatType> vfaCache;
    private Volume<FloatType> dceCache;
    private Volume<FloatType> dwiCache;
    private MultiEchoGre greCache;
    private Volume<FloatType> t1ApparentCache;

    private SpinePhantom(Params p) {
        this.params = p;
        fraction = new float[tissues.length][n];
        label = new int[n];
        b1 = new double[n];
        fieldHz = new double[n];
        phase0 = new double[n];
        anatomy();
        frameStart = new double[FRAMES];
        for (int k = 0; k < FRAMES; k++) {
            frameStart[k] = k * FRAME_SECONDS;
        }
        double end = FRAMES * FRAME_SECONDS;
        double hct = p.haematocrit();
        double injection = INJECTION_SECONDS / 60;
        ToftsCurves curves = new ToftsCurves(t -> ParkerAif.blood(t - injection) / (1 - hct), FINE_STEP_SECONDS, end);
        double[] cb = curves.plasmaOnGrid();
        for (int k = 0; k < cb.length; k++) {
            cb[k] *= 1 - hct;
        }
        aifBlood = curves.frameMeans(cb, frameStart, FRAME_SECONDS);
        tissueConcentration = new double[tissues.length][];
        iauc60 = new double[tissues.length];
        for (SpineTissue t : tissues) {
            if (t == SpineTissue.AORTA) {
                tissueConcentration[t.ordinal()] = aifBlood.clone();
                iauc60[t.ordinal()] = Double.NaN;
            } else if (t.hasKinetics()) {
                double[] fine = curves.tissue(t.ktrans(), t.ve(), t.vp());
                tissueConcentration[t.ordinal()] = curves.frameMeans(fine, frameStart, FRAME_SECONDS);
                iauc60[t.ordinal()] = curves.integralSeconds(fine, INJECTION_SECONDS, 60);
            } else {
                tissueConcentration[t.ordinal()] = new double[FRAMES];
                iauc60[t.ordinal()] = Double.NaN;
            }
        }
    }

    /** The phantom with these settings. */
    public static SpinePhantom of(Params p) {
        return new SpinePhantom(p);
    }

    public Params params() {
        return params;
    }

    public VoxelGrid grid() {
        return grid;
    }

    public Geometry geometry() {
        return geometry;
    }

    // ---------------------------------------------------------------- anatomy

    /** The tissue at a point (mm, LPS). */
    static SpineTissue tissueAt(double x, double y, double z) {
        double dxT = x + 8, dyT = y - 2;
        if (dxT * dxT + dyT * dyT + z * z <= 7.5 * 7.5) {
            return SpineTissue.TUMOUR;
        }
        double vb = sq(x / 21) + sq(y / 16);
        if (vb <= 1) {
            return sq(x / 19.5) + sq(y / 14.5) <= 1 ? SpineTissue.MARROW : SpineTissue.CORTICAL_BONE;
        }
        double rc = Math.hypot(x, y - 27);
        if (sq(x / 5) + sq((y - 27) / 4) <= 1) {
            return SpineTissue.CORD;
        }
        if (rc <= 10) {
            return SpineTissue.CSF;
        }
        if ((rc <= 16 && y > 20) || (Math.abs(x) < 4 && y >= 40 && y <= 62)) {
            return SpineTissue.MARROW; // neural arch and spinous process
        }
        if (Math.hypot(x - 18, y + 32) <= 10) {
            return SpineTissue.AORTA;
        }
        double ax = Math.abs(x);
        if (sq((ax - 36) / 13) + sq((y + 4) / 16) <= 1 || sq((ax - 30) / 22) + sq((y - 45) / 18) <= 1) {
            return SpineTissue.MUSCLE;
        }
        double body = sq(x / 165) + sq((y + 30) / 110);
        if (body > 1) {
            return SpineTissue.AIR;
        }
        return sq(x / 147) + sq((y + 30) / 92) <= 1 ? SpineTissue.SOFT_TISSUE : SpineTissue.SUBCUTANEOUS_FAT;
    }

    private static double sq(double v) {
        return v * v;
    }

    private void anatomy() {
        int per = SUB * SUB * SUB;
        int[] count = new int[tissues.length];
        for (int z = 0; z < NZ; z++) {
            for (int y = 0; y < NY; y++) {
                for (int x = 0; x < NX; x++) {
                    int v = x + NX * (y + NY * z);
                    double cx = (x - 0.5 * (NX - 1)) * DX;
                    double cy = (y - 0.5 * (NY - 1)) * DX;
                    double cz = (z - 0.5 * (NZ - 1)) * DZ;
                    java.util.Arrays.fill(count, 0);
                    for (int k = 0; k < SUB; k++) {
                        for (int j = 0; j < SUB; j++) {
                            for (int i = 0; i < SUB; i++) {
                                double px = cx + ((i + 0.5) / SUB - 0.5) * DX;
                                double py = cy + ((j + 0.5) / SUB - 0.5) * DX;
                                double pz = cz + ((k + 0.5) / SUB - 0.5) * DZ;
                                count[tissueAt(px, py, pz).ordinal()]++;
                            }
                        }
                    }
                    int best = 0;
                    for (int t = 0; t < count.length; t++) {
                        fraction[t][v] = (float) count[t] / per;
                        if (count[t] > count[best]) {
                            best = t;
                        }
                    }
                    label[v] = tissues[best].label();
                    double u = cx / 96, w = (cy + 30) / 110;
                    b1[v] = 1 - 0.10 * (u * u + w * w) + 0.05 * u;
                    fieldHz[v] = 20 * u - 15 * sq((cy + 10) / 96) + 10 * (cz / 16);
                    phase0[v] = 0.6 * u - 0.4 * (cy / 96) + 0.3;
                }
            }
        }
    }

    // ---------------------------------------------------------------- truth

    private Volume<FloatType> map(java.util.function.ToDoubleFunction<SpineTissue> property, PhysicalUnit unit) {
        float[] out = new float[n];
        for (int v = 0; v < n; v++) {
            out[v] = (float) property.applyAsDouble(SpineTissue.ofLabel(label[v]));
        }
        return VolumeArrays.volume(out, grid, geometry, unit);
    }

    private static double kinetic(SpineTissue t, double value) {
        return t.hasKinetics() ? value : Double.NaN;
    }

    /** Label map ({@link SpineTissue#label()}, 0 = air). */
    public Volume<FloatType> labels() {
        float[] out = new float[n];
        for (int v = 0; v < n; v++) {
            out[v] = label[v];
        }
        return VolumeArrays.volume(out, grid, geometry, PhysicalUnit.DIMENSIONLESS);
    }

    /** The fraction (0–1) of voxel {@code v} (x fastest) made of tissue {@code t}. */
    public double fraction(SpineTissue t, int v) {
        return fraction[t.ordinal()][v];
    }

    /** True water T1, s (NaN in air). */
    public Volume<FloatType> t1Water() {
        return map(t -> t == SpineTissue.AIR ? Double.NaN : t.t1Water(), PhysicalUnit.SECOND);
    }

    /**
     * Apparent T1, s: the single-compartment SPGR T1 that best fits (least squares, M0 free, B1 known) the voxel's
     * noiseless two-compartment water–fat VFA signal; what a fat-unaware VFA fit recovers (NaN in air).
     */
    public synchronized Volume<FloatType> t1Apparent() {
        if (t1ApparentCache == null) {
            t1ApparentCache = computeT1Apparent();
        }
        return t1ApparentCache;
    }

    private Volume<FloatType> computeT1Apparent() {
        float[] out = new float[n];
        for (int v = 0; v < n; v++) {
            SpineTissue t = SpineTissue.ofLabel(label[v]);
            out[v] = t == SpineTissue.AIR ? Float.NaN : (float) apparentT1(t, b1[v]);
        }
        return VolumeArrays.volume(out, grid, geometry, PhysicalUnit.SECOND);
    }

    /** The apparent single-compartment T1 of a tissue at relative flip angle {@code b1}, s. */
    public static double apparentT1(SpineTissue t, double b1) {
        double[] s = new double[VFA_FLIP_DEG.length];
        for (int a = 0; a < s.length; a++) {
            s[a] = SpgrSignal.signalWaterFat(
                    1, Math.toRadians(VFA_FLIP_DEG[a]) * b1, TR, 1 / t.t1Water(), 1 / FAT_T1, t.pdff());
        }
        double lo = Math.log(0.05), hi = Math.log(10);
        double g = (Math.sqrt(5) - 1) / 2;
        double c = hi - g * (hi - lo), d = lo + g * (hi - lo);
        double fc = vfaResidual(s, b1, Math.exp(c)), fd = vfaResidual(s, b1, Math.exp(d));
        for (int it = 0; it < 200 && hi - lo > 1e-12; it++) {
            if (fc < fd) {
                hi = d;
                d = c;
                fd = fc;
                c = hi - g * (hi - lo);
                fc = vfaResidual(s, b1, Math.exp(c));
            } else {
                lo = c;
                c = d;
                fc = fd;
                d = lo + g * (hi - lo);
                fd = vfaResidual(s, b1, Math.exp(d));
            }
        }
        return Math.exp(0.5 * (lo + hi));
    }

    private static double vfaResidual(double[] s, double b1, double t1) {
        double sg = 0, gg = 0, ss = 0;
        for (int a = 0; a < s.length; a++) {
            double g = SpgrSignal.perUnitM0(Math.toRadians(VFA_FLIP_DEG[a]) * b1, TR, 1 / t1);
            sg += s[a] * g;
            gg += g * g;
            ss += s[a] * s[a];
        }
        return ss - sg * sg / gg;
    }

    /** True Ktrans of the water compartment, 1/min (NaN without a kinetic model). */
    public Volume<FloatType> ktrans() {
        return map(t -> kinetic(t, t.ktrans()), PhysicalUnit.PER_MINUTE);
    }

    /** True ve. */
    public Volume<FloatType> ve() {
        return map(t -> kinetic(t, t.ve()), PhysicalUnit.DIMENSIONLESS);
    }

    /** True vp. */
    public Volume<FloatType> vp() {
        return map(t -> kinetic(t, t.vp()), PhysicalUnit.DIMENSIONLESS);
    }

    /** True kep = Ktrans/ve, 1/min. */
    public Volume<FloatType> kep() {
        return map(t -> kinetic(t, t.kep()), PhysicalUnit.PER_MINUTE);
    }

    /** True IAUC over the first 60 s after the injection start, mM·s, of the water-compartment concentration. */
    public Volume<FloatType> iauc60() {
        return map(t -> iauc60[t.ordinal()], PhysicalUnit.MILLIMOLAR_SECOND);
    }

    /** True IVIM D, mm²/s (NaN in air). */
    public Volume<FloatType> d() {
        return map(t -> t == SpineTissue.AIR ? Double.NaN : t.d(), PhysicalUnit.SQUARE_MILLIMETRE_PER_SECOND);
    }

    /** True IVIM f. */
    public Volume<FloatType> f() {
        return map(t -> t == SpineTissue.AIR ? Double.NaN : t.f(), PhysicalUnit.DIMENSIONLESS);
    }

    /** True IVIM D*, mm²/s. */
    public Volume<FloatType> dStar() {
        return map(t -> t == SpineTissue.AIR ? Double.NaN : t.dStar(), PhysicalUnit.SQUARE_MILLIMETRE_PER_SECOND);
    }

    /**
     * True ADC, mm²/s: the mono-exponential S0 e^{−b ADC} that best fits (unweighted least squares on the signal, S0
     * free) the tissue's noiseless IVIM signal over all {@link #B_VALUES} — the definition of diffusion.adc's default
     * (non-linear least squares, all b ≤ 1000 s/mm²); it includes part of the perfusion fraction's fast decay.
     */
    public Volume<FloatType> adc() {
        return map(t -> t == SpineTissue.AIR ? Double.NaN : adcOf(t), PhysicalUnit.SQUARE_MILLIMETRE_PER_SECOND);
    }

    /** The ADC of a tissue (see {@link #adc()}), mm²/s. */
    public static double adcOf(SpineTissue t) {
        double lo = 1e-6, hi = 0.2;
        double g = (Math.sqrt(5) - 1) / 2;
        double c = hi - g * (hi - lo), d = lo + g * (hi - lo);
        double fc = monoResidual(t, c), fd = monoResidual(t, d);
        for (int it = 0; it < 200 && hi - lo > 1e-13; it++) {
            if (fc < fd) {
                hi = d;
                d = c;
                fd = fc;
                c = hi - g * (hi - lo);
                fc = monoResidual(t, c);
            } else {
                lo = c;
                c = d;
                fc = fd;
                d = lo + g * (hi - lo);
                fd = monoResidual(t, d);
            }
        }
        return 0.5 * (lo + hi);
    }

    /** Least-squares residual of S0 e^{−b adc} against the IVIM signal, S0 at its optimum. */
    private static double monoResidual(SpineTissue t, double adc) {
        double sy = 0, yy = 0, ss = 0;
        for (double b : B_VALUES) {
            double y = ivim(t, b);
            double e = Math.exp(-b * adc);
            sy += e * y;
            yy += y * y;
            ss += e * e;
        }
        return yy - sy * sy / ss;
    }

    static double ivim(SpineTissue t, double b) {
        return t.f() * Math.exp(-b * t.dStar()) + (1 - t.f()) * Math.exp(-b * t.d());
    }

    /** True PDFF, % (NaN in air). */
    public Volume<FloatType> pdff() {
        return map(t -> t == SpineTissue.AIR ? Double.NaN : 100 * t.pdff(), PhysicalUnit.PERCENT);
    }

    /** True R2*, 1/s (NaN in air). */
    public Volume<FloatType> r2star() {
        return map(t -> t == SpineTissue.AIR ? Double.NaN : t.r2star(), PhysicalUnit.PER_SECOND);
    }

    /** True field map of the GRE, Hz. */
    public Volume<FloatType> fieldHz() {
        return VolumeArrays.volume(toFloat(fieldHz), grid, geometry, PhysicalUnit.HERTZ);
    }

    /** B1: actual / nominal flip angle (dimensionless ratio). */
    public Volume<FloatType> b1() {
        return VolumeArrays.volume(toFloat(b1), grid, geometry, PhysicalUnit.DIMENSIONLESS);
    }

    /** B1 at voxel {@code v}. */
    public double b1At(int v) {
        return b1[v];
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    // ---------------------------------------------------------------- DCE truth curves

    /** Frame start times, s. */
    public double[] frameTimesStart() {
        return frameStart.clone();
    }

    /** Cb averaged over each frame, mM (the aorta's concentration). */
    public double[] aifBlood() {
        return aifBlood.clone();
    }

    /** The water-compartment concentration of a tissue averaged over each frame, mM (Cb for the aorta). */
    public double[] concentration(SpineTissue t) {
        return tissueConcentration[t.ordinal()].clone();
    }

    // ---------------------------------------------------------------- signals

    private double m0(SpineTissue t) {
        return SCALE * t.protonDensity();
    }

    private double spgr(SpineTissue t, double flipRad, double conc) {
        if (t == SpineTissue.AIR) {
            return 0;
        }
        double r1w = 1 / t.t1Water() + params.relaxivity() * conc;
        return SpgrSignal.signalWaterFat(m0(t), flipRad, TR, r1w, 1 / FAT_T1, t.pdff());
    }

    /** The noiseless VFA signal of voxel {@code v} at nominal flip angle index {@code a}. */
    public double vfaSignal(int v, int a) {
        double flip = Math.toRadians(VFA_FLIP_DEG[a]) * b1[v];
        double s = 0;
        for (SpineTissue t : tissues) {
            float fr = fraction[t.ordinal()][v];
            if (fr > 0) {
                s += fr * spgr(t, flip, 0);
            }
        }
        return s;
    }

    /** σ of the VFA noise per channel, a.u. (0 without noise). */
    public double vfaSigma() {
        double ref = 0;
        for (double a : VFA_FLIP_DEG) {
            ref = Math.max(ref, spgr(SpineTissue.MARROW, Math.toRadians(a), 0));
        }
        return params.snrVfa() > 0 ? ref / params.snrVfa() : 0;
    }

    /** σ of the DCE noise per channel, a.u. */
    public double dceSigma() {
        double ref = spgr(SpineTissue.MARROW, Math.toRadians(DCE_FLIP_DEG), 0);
        return params.snrDce() > 0 ? ref / params.snrDce() : 0;
    }

    /** σ of the DWI noise per channel, a.u. */
    public double dwiSigma() {
        double ref = m0(SpineTissue.MARROW) * (1 - SpineTissue.MARROW.pdff());
        return params.snrDwi() > 0 ? ref / params.snrDwi() : 0;
    }

    /** σ of the GRE noise per channel, a.u. */
    public double greSigma() {
        return params.snrGre() > 0 ? SCALE / params.snrGre() : 0;
    }

    /** VFA magnitude images, one frame per flip angle of {@link #VFA_FLIP_DEG}, a.u. */
    public synchronized Volume<FloatType> vfa() {
        if (vfaCache == null) {
            vfaCache = computeVfa();
        }
        return vfaCache;
    }

    private Volume<FloatType> computeVfa() {
        Noise noise = new Noise(params.seed(), vfaSigma());
        float[][] out = new float[VFA_FLIP_DEG.length][n];
        for (int a = 0; a < out.length; a++) {
            for (int v = 0; v < n; v++) {
                out[a][v] = (float) noise.magnitude(vfaSignal(v, a), 0);
            }
        }
        return VolumeArrays.frames(out, grid, geometry, PhysicalUnit.ARBITRARY);
    }

    /** The noiseless DCE signal of voxel {@code v} in frame {@code k}. */
    public double dceSignal(int v, int k) {
        double flip = Math.toRadians(DCE_FLIP_DEG) * b1[v];
        double s = 0;
        for (SpineTissue t : tissues) {
            float fr = fraction[t.ordinal()][v];
            if (fr > 0) {
                s += fr * spgr(t, flip, tissueConcentration[t.ordinal()][k]);
            }
        }
        return s;
    }

    /** DCE magnitude series, {@link #FRAMES} frames, a.u. */
    public synchronized Volume<FloatType> dce() {
        if (dceCache == null) {
            dceCache = computeDce();
        }
        return dceCache;
    }

    private Volume<FloatType> computeDce() {
        Noise noise = new Noise(params.seed() + 1, dceSigma());
        float[][] out = new float[FRAMES][n];
        for (int k = 0; k < FRAMES; k++) {
            for (int v = 0; v < n; v++) {
                out[k][v] = (float) noise.magnitude(dceSignal(v, k), 0);
            }
        }
        return VolumeArrays.frames(out, grid, geometry, PhysicalUnit.ARBITRARY);
    }

    /** The noiseless DWI signal of voxel {@code v} at b-value index {@code i}. */
    public double dwiSignal(int v, int i) {
        double s = 0;
        for (SpineTissue t : tissues) {
            float fr = fraction[t.ordinal()][v];
            if (fr > 0 && t != SpineTissue.AIR) {
                s += fr * m0(t) * (1 - t.pdff()) * ivim(t, B_VALUES[i]);
            }
        }
        return s;
    }

    /** Trace-weighted DWI, one frame per b-value of {@link #B_VALUES}, a.u. */
    public synchronized Volume<FloatType> dwi() {
        if (dwiCache == null) {
            dwiCache = computeDwi();
        }
        return dwiCache;
    }

    private Volume<FloatType> computeDwi() {
        Noise noise = new Noise(params.seed() + 2, dwiSigma());
        float[][] out = new float[B_VALUES.length][n];
        for (int i = 0; i < out.length; i++) {
            for (int v = 0; v < n; v++) {
                out[i][v] = (float) noise.magnitude(dwiSignal(v, i), 0);
            }
        }
        return VolumeArrays.frames(out, grid, geometry, PhysicalUnit.ARBITRARY);
    }

    /** Complex multi-echo GRE (magnitude a.u., phase rad), 1.5 T, {@link #ECHO_TIMES_MS}. */
    public synchronized MultiEchoGre gre() {
        if (greCache == null) {
            greCache = computeGre();
        }
        return greCache;
    }

    private MultiEchoGre computeGre() {
        double[] te = new double[ECHO_TIMES_MS.length];
        for (int e = 0; e < te.length; e++) {
            te[e] = ECHO_TIMES_MS[e] / 1000;
        }
        double[] c = FatSpectrum.byId(FAT_SPECTRUM).complexFactor(te, FIELD_STRENGTH);
        Noise noise = new Noise(params.seed() + 3, greSigma());
        float[][] mag = new float[te.length][n];
        float[][] phase = new float[te.length][n];
        for (int e = 0; e < te.length; e++) {
            for (int v = 0; v < n; v++) {
                double re = 0, im = 0;
                for (SpineTissue t : tissues) {
                    float fr = fraction[t.ordinal()][v];
                    if (fr > 0 && t != SpineTissue.AIR) {
                        double decay = fr * m0(t) * Math.exp(-t.r2star() * te[e]);
                        re += decay * ((1 - t.pdff()) + t.pdff() * c[2 * e]);
                        im += decay * t.pdff() * c[2 * e + 1];
                    }
                }
                double angle = 2 * Math.PI * fieldHz[v] * te[e] + phase0[v];
                double cos = Math.cos(angle), sin = Math.sin(angle);
                double sr = re * cos - im * sin + noise.next();
                double si = re * sin + im * cos + noise.next();
                mag[e][v] = (float) Math.hypot(sr, si);
                phase[e][v] = (float) Math.atan2(si, sr);
            }
        }
        return new MultiEchoGre(
                VolumeArrays.frames(mag, grid, geometry, PhysicalUnit.ARBITRARY),
                VolumeArrays.frames(phase, grid, geometry, PhysicalUnit.RADIAN),
                new GreAcquisition(EchoTimes.ofMilliseconds(ECHO_TIMES_MS), FIELD_STRENGTH));
    }

    /** Field offset of fat's main peak check: the fat spectrum's frequencies at 1.5 T, Hz (for the README). */
    static double[] fatFrequenciesHz() {
        double[] ppm = FatSpectrum.byId(FAT_SPECTRUM).ppm();
        double[] hz = new double[ppm.length];
        for (int p = 0; p < ppm.length; p++) {
            hz[p] = FieldUnits.ppmToHertz(ppm[p], FIELD_STRENGTH);
        }
        return hz;
    }

    /** Seeded Gaussian noise by Box–Muller on SplittableRandom's doubles (specified, so the same on every JVM). */
    private static final class Noise {
        private final SplittableRandom random;
        private final double sigma;
        private double spare;
        private boolean hasSpare;

        Noise(long seed, double sigma) {
            this.random = new SplittableRandom(seed);
            this.sigma = sigma;
        }

        double next() {
            if (sigma == 0) {
                return 0;
            }
            if (hasSpare) {
                hasSpare = false;
                return sigma * spare;
            }
            double u1 = 1 - random.nextDouble();
            double u2 = random.nextDouble();
            double r = Math.sqrt(-2 * Math.log(u1));
            spare = r * Math.sin(2 * Math.PI * u2);
            hasSpare = true;
            return sigma * r * Math.cos(2 * Math.PI * u2);
        }

        /** |s + n1 + i n2| (Rician for s &gt; 0). */
        double magnitude(double re, double im) {
            return Math.hypot(re + next(), im + next());
        }
    }
}
