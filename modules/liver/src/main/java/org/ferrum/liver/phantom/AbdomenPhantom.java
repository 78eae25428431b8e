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
package org.ferrum.liver.phantom;

import java.util.Arrays;
import java.util.Objects;
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
import org.ferrum.core.fft.ZeroPadding;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;
import org.ferrum.qsm.DipoleKernel;
import org.ferrum.qsm.FourierFilter;
import org.ferrum.relaxometry.ChemicalShiftSignal;
import org.ferrum.relaxometry.FatSpectrum;
import org.ferrum.relaxometry.MeasurementNoise;

/**
 * A simulated upper abdomen for liver iron work: complex multi-echo chemical-shift encoded GRE data with known water,
 * fat, PDFF, R2*, field map, susceptibility and liver iron, on an axial, axis-aligned grid with B0 along patient z.
 * Built with {@link #builder()}.
 *
 * <p>Contract (every map on the same grid and {@link #geometry()}, centred on the patient origin):
 * <ul>
 * <li><b>Anatomy</b> (patient mm, LPS: +x the patient's left, +y posterior, +z superior): an elliptic body
 *     (320 × 230 mm) with an 18 mm subcutaneous fat layer, the liver's right lobe (patient right, anterior) and left
 *     lobe, the spleen, a vertebral body, a pocket of bowel gas and the lung bases at the top of the field of view,
 *     in soft tissue; the body continues beyond the field of view along z. Tissue properties are
 *     {@link AbdomenTissue}'s; the liver's R2* and iron susceptibility come from the {@link IronModel}. Each voxel
 *     averages s×s×s sub-samples (s = 2): partial volumes at every boundary. {@link #labels()} holds the label with
 *     most sub-samples.</li>
 * <li><b>Susceptibility</b> {@link #chi()}: voxel mean, ppm relative to water, of the tissue's own χ plus
 *     PDFF × χ_fat (relative to water) plus, in the liver, the iron's χ.</li>
 * <li><b>Field</b> {@link #fieldHz()}: ψ = γ̄ B0 · δ + a smooth shim residual, with δ = F⁻¹[D · F[χ − χ_air]] in ppm
 *     ({@link DipoleKernel}, {@link FourierFilter}) computed on a grid padded with air in x and y and extended to 3×
 *     the field of view in z (the body goes on, so its ends are far away), minus its mean over the body (the
 *     scanner's frequency adjustment, which centres water in the imaged body). The air around the body and in the
 *     bowel and lungs therefore makes the realistic background field that hQSM must remove.</li>
 * <li><b>Signal</b> at TE<sub>e</sub> ({@link ChemicalShiftSignal}): the voxel mean over sub-samples of
 *     (ρ_W + ρ_F c(TE)) e^{−R2* TE}, times e^{i(2π ψ TE + φ₀)} with a smooth receive phase φ₀ (≈ ±1 rad), scaled to
 *     1000 a.u. for liver ρ = 1, plus complex Gaussian noise of σ = 1000 / SNR per channel. {@link #gre()} holds
 *     |S| and arg S. Truth {@link #pdff()} = Σρ_F / Σρ (%), {@link #r2star()} and {@link #lic()} of the voxel's
 *     label (LIC NaN outside the liver).</li>
 * <li>Deterministic for a given builder (seed included), on any number of threads.</li>
 * </ul>
 */
public final class AbdomenPhantom {

    private static final int SUBSAMPLES = 2;
    private static final double SIGNAL_SCALE = 1000;

    private final Builder settings;
    private final VoxelGrid grid;
    private final Geometry geometry;
    private final float[] labels;
    private final float[] chi;
    private final float[] pdff;
    private final float[] r2star;
    private final float[] lic;
    private final float[] fieldHz;
    private final MultiEchoGre gre;

    private AbdomenPhantom(Builder b) {
        this.settings = b;
        this.grid = new VoxelGrid(b.nx, b.ny, b.nz, b.dx, b.dy, b.dz);
        this.geometry = Geometry.ofAffine(
                b.dx,
                0,
                0,
                -0.5 * (b.nx - 1) * b.dx,
                0,
                b.dy,
                0,
                -0.5 * (b.ny - 1) * b.dy,
                0,
                0,
                b.dz,
                -0.5 * (b.nz - 1) * b.dz);
        int n = grid.size();
        labels = new float[n];
        chi = new float[n];
        pdff = new float[n];
        r2star = new float[n];
        lic = new float[n];
        fieldHz = field();
        gre = signal();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The settings a user gives the phantom (the parameters of the operator {@code liver.phantom.abdomen}, which takes
     * its defaults from {@link #DEFAULTS}; the {@link Builder} starts from them too).
     *
     * @param fieldStrength    B0, T
     * @param echoes           number of echoes
     * @param te1Ms            first echo time, ms
     * @param deltaTeMs        echo spacing, ms
     * @param licRight         LIC of the right lobe, mg Fe/g dry weight
     * @param licLeft          LIC of the left lobe, mg Fe/g dry weight
     * @param liverPdffPercent liver proton-density fat fraction, %
     * @param fatSpectrum      fat spectrum id ({@link FatSpectrum#byId})
     * @param chiPerIron       susceptibility of tissue iron, ppm per mg Fe/g wet tissue
     * @param wetToDry         liver wet-to-dry weight ratio
     * @param fatChiPpm        χ of fat relative to water, ppm
     * @param snr              SNR of liver (ρ = 1) at TE = 0; 0 = no noise
     * @param seed             seed of the noise
     */
    public record Params(
            double fieldStrength,
            int echoes,
            double te1Ms,
            double deltaTeMs,
            double licRight,
            double licLeft,
            double liverPdffPercent,
            String fatSpectrum,
            double chiPerIron,
            double wetToDry,
            double fatChiPpm,
            double snr,
            long seed) {

        /** 1.5 T, 6 echoes 1.2 + n·1.6 ms, the tissue table's liver (8 and 3 mg/g, 12 % fat), 6-peak fat, SNR 50. */
        public static final Params DEFAULTS = new Params(
                1.5,
                6,
                1.2,
                1.6,
                AbdomenTissue.LIVER_RIGHT_LOBE.licMgPerGDry(),
                AbdomenTissue.LIVER_LEFT_LOBE.licMgPerGDry(),
                100 * AbdomenTissue.LIVER_RIGHT_LOBE.pdff(),
                "liver-6peak",
                0.97,
                3.33,
                0.6,
                50,
                1);

        /** The echo times, ms: te1 + n·ΔTE, rounded to 10⁻⁹ ms (so that 1.2 + 3·1.6 is 6.0, not 6.000000000000001). */
        public EchoTimes echoTimes() {
            double[] te = new double[echoes];
            for (int e = 0; e < echoes; e++) {
                te[e] = Math.round((te1Ms + e * deltaTeMs) * 1e9) / 1e9;
            }
            return EchoTimes.ofMilliseconds(te);
        }
    }

    /** Grid sizes and spacings. */
    public VoxelGrid grid() {
        return grid;
    }

    public Geometry geometry() {
        return geometry;
    }

    /** The acquisition: |S| (a.u.) and arg S (rad) per echo, echo times and field strength. */
    public MultiEchoGre gre() {
        return gre;
    }

    /** {@link AbdomenTissue} labels. */
    public Volume<FloatType> labels() {
        return VolumeArrays.volume(labels, grid, geometry, PhysicalUnit.DIMENSIONLESS);
    }

    /** True χ relative to water, ppm. */
    public Volume<FloatType> chi() {
        return VolumeArrays.volume(chi, grid, geometry, PhysicalUnit.PPM);
    }

    /** True PDFF, % (NaN where there is no signal). */
    public Volume<FloatType> pdff() {
        return VolumeArrays.volume(pdff, grid, geometry, PhysicalUnit.PERCENT);
    }

    /** True R2*, 1/s, at the phantom's field strength. */
    public Volume<FloatType> r2star() {
        return VolumeArrays.volume(r2star, grid, geometry, PhysicalUnit.PER_SECOND);
    }

    /** True liver iron, mg Fe/g dry weight (NaN outside the liver). */
    public Volume<FloatType> lic() {
        return VolumeArrays.volume(lic, grid, geometry, PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT);
    }

    /** True field map ψ, Hz. */
    public Volume<FloatType> fieldHz() {
        return VolumeArrays.volume(fieldHz, grid, geometry, PhysicalUnit.HERTZ);
    }

    /** The iron model the truth was made with. */
    public IronModel ironModel() {
        return settings.ironModel;
    }

    /** Noise SD per channel in a.u. (0 without noise). */
    public double noiseSigma() {
        return settings.snr > 0 ? SIGNAL_SCALE / settings.snr : 0;
    }

    /** The tissue at a patient position (mm, LPS); the body extends indefinitely along z. */
    static AbdomenTissue tissueAt(double x, double y, double z) {
        double outer = sq(x / 160) + sq(y / 115);
        if (outer > 1) {
            return AbdomenTissue.AIR;
        }
        if (sq(x / 142) + sq(y / 97) > 1) {
            return AbdomenTissue.SUBCUTANEOUS_FAT;
        }
        if (inEllipsoid(x, y, z, -78, 25, 140, 62, 70, 85) || inEllipsoid(x, y, z, 78, 25, 150, 62, 70, 85)) {
            return AbdomenTissue.LUNG;
        }
        if (inEllipsoid(x, y, z, 50, -45, -40, 28, 18, 14)) {
            return AbdomenTissue.BOWEL_GAS;
        }
        if (sq(x) + sq(y - 62) <= sq(22)) {
            return AbdomenTissue.VERTEBRAL_MARROW;
        }
        if (x < -5 && inEllipsoid(x, y, z, -58, -5, 5, 80, 72, 60)) {
            return AbdomenTissue.LIVER_RIGHT_LOBE;
        }
        if (inEllipsoid(x, y, z, 20, -40, 15, 45, 30, 40)) {
            return AbdomenTissue.LIVER_LEFT_LOBE;
        }
        if (inEllipsoid(x, y, z, 98, 30, 15, 32, 42, 45)) {
            return AbdomenTissue.SPLEEN;
        }
        return AbdomenTissue.SOFT_TISSUE;
    }

    private static boolean inEllipsoid(
            double x, double y, double z, double cx, double cy, double cz, double a, double b, double c) {
        return sq((x - cx) / a) + sq((y - cy) / b) + sq((z - cz) / c) <= 1;
    }

    private static double sq(double v) {
        return v * v;
    }

    /** R2* of a tissue at this phantom's field strength. */
    private double r2starOf(AbdomenTissue t) {
        double at15 = t.isLiver() ? settings.ironModel.r2starAt15T(liverLic(t)) : t.r2starAt15T();
        return at15 * settings.fieldStrength / 1.5;
    }

    private double liverLic(AbdomenTissue t) {
        return t == AbdomenTissue.LIVER_RIGHT_LOBE ? settings.rightLobeLic : settings.leftLobeLic;
    }

    private double pdffOf(AbdomenTissue t) {
        return t.isLiver() ? settings.liverPdff : t.pdff();
    }

    /** χ relative to water of a tissue: own χ + PDFF·χ_fat + iron. */
    private double chiOf(AbdomenTissue t) {
        if (t.protonDensity() == 0 || t == AbdomenTissue.LUNG) {
            return t.chiRelativeToWaterPpm();
        }
        double c = t.chiRelativeToWaterPpm() + pdffOf(t) * settings.ironModel.fatRelativeToWaterPpm();
        if (t.isLiver()) {
            c += settings.ironModel.ironSusceptibilityPpm(liverLic(t));
        }
        return c;
    }

    /** Patient coordinate of sub-sample {@code s} (0 … SUBSAMPLES−1) of voxel index {@code i} on an axis. */
    private static double coordinate(int i, int s, int n, double d) {
        return (i - 0.5 * (n - 1) + (s + 0.5) / SUBSAMPLES - 0.5) * d;
    }

    /**
     * Fills {@link #chi}, {@link #labels}, {@link #pdff}, {@link #r2star}, {@link #lic} and returns ψ in Hz. The
     * field grid has the acquisition's voxels, padded in x and y with air and extended in z with more body.
     */
    private float[] field() {
        Builder b = settings;
        int px = (int) ZeroPadding.fastSize((long) Math.ceil(1.5 * b.nx));
        int py = (int) ZeroPadding.fastSize((long) Math.ceil(1.5 * b.ny));
        int pz = (int) ZeroPadding.fastSize(3L * b.nz);
        VoxelGrid padded = new VoxelGrid(px, py, pz, b.dx, b.dy, b.dz);
        int ox = (px - b.nx) / 2, oy = (py - b.ny) / 2, oz = (pz - b.nz) / 2;
        float[] source = new float[padded.size()];
        ParallelLoop.forEachChunk(pz, 1, Cancellation.NEVER, (from, to) -> {
            int[] count = new int[AbdomenTissue.values().length];
            for (int k = (int) from; k < to; k++) {
                int ka = k - oz;
                for (int j = 0; j < py; j++) {
                    int ja = j - oy;
                    for (int i = 0; i < px; i++) {
                        int ia = i - ox;
                        double chiSum = 0;
                        double rho = 0;
                        double fat = 0;
                        Arrays.fill(count, 0);
                        for (int sz = 0; sz < SUBSAMPLES; sz++) {
                            for (int sy = 0; sy < SUBSAMPLES; sy++) {
                                for (int sx = 0; sx < SUBSAMPLES; sx++) {
                                    AbdomenTissue t = tissueAt(
                                            coordinate(ia, sx, b.nx, b.dx),
                                            coordinate(ja, sy, b.ny, b.dy),
                                            coordinate(ka, sz, b.nz, b.dz));
                                    chiSum += chiOf(t);
                                    rho += t.protonDensity();
                                    fat += t.protonDensity() * pdffOf(t);
                                    count[t.ordinal()]++;
                                }
                            }
                        }
                        double cube = SUBSAMPLES * SUBSAMPLES * SUBSAMPLES;
                        double meanChi = chiSum / cube;
                        source[padded.index(i, j, k)] = (float) (meanChi - AbdomenTissue.AIR_RELATIVE_TO_WATER_PPM);
                        if (ia >= 0 && ia < b.nx && ja >= 0 && ja < b.ny && ka >= 0 && ka < b.nz) {
                            int n = grid.index(ia, ja, ka);
                            AbdomenTissue majority = AbdomenTissue.values()[argMax(count)];
                            chi[n] = (float) meanChi;
                            labels[n] = majority.label();
                            pdff[n] = rho > 0 ? (float) (100 * fat / rho) : Float.NaN;
                            r2star[n] = (float) r2starOf(majority);
                            lic[n] = majority.isLiver() ? (float) liverLic(majority) : Float.NaN;
                        }
                    }
                }
            }
        });
        float[] deltaPpm = FourierFilter.apply(source, DipoleKernel.of(padded, new double[] {0, 0, 1}), padded);
        float[] psi = new float[grid.size()];
        double hzPerPpm = FieldUnits.ppmToHertz(1, b.fieldStrength);
        double bodySum = 0;
        long bodyCount = 0;
        for (int k = 0; k < b.nz; k++) {
            for (int j = 0; j < b.ny; j++) {
                for (int i = 0; i < b.nx; i++) {
                    int n = grid.index(i, j, k);
                    psi[n] = (float) (hzPerPpm * deltaPpm[padded.index(i + ox, j + oy, k + oz)]);
                    if (AbdomenTissue.ofLabel((int) labels[n]).protonDensity() > 0.5) {
                        bodySum += psi[n];
                        bodyCount++;
                    }
                }
            }
        }
        double offset = bodySum / Math.max(1, bodyCount);
        for (int k = 0; k < b.nz; k++) {
            for (int j = 0; j < b.ny; j++) {
                for (int i = 0; i < b.nx; i++) {
                    double[] p = geometry.toPatient(i, j, k);
                    int n = grid.index(i, j, k);
                    psi[n] = (float) (psi[n] - offset + shim(p[0], p[1], p[2]));
                }
            }
        }
        return psi;
    }

    /** A smooth residual of imperfect shimming, Hz: linear and quadratic terms of ±{@code shimHz} over the body. */
    private double shim(double x, double y, double z) {
        double s = settings.shimHz;
        return s * (0.6 * x / 160 - 0.4 * y / 115 + 0.5 * z / 75 + 0.5 * sq(x / 160) - 0.3 * (x / 160) * (z / 75));
    }

    private static int argMax(int[] count) {
        int best = 0;
        for (int c = 1; c < count.length; c++) {
            if (count[c] > count[best]) {
                best = c;
            }
        }
        return best;
    }

    /** The multi-echo signal, magnitude and phase per echo. */
    private MultiEchoGre signal() {
        Builder b = settings;
        double[] te = b.echoTimes.toSeconds();
        int echoes = te.length;
        double[] fatFactor = b.fatSpectrum.complexFactor(te, b.fieldStrength);
        float[][] magnitude = new float[echoes][grid.size()];
        float[][] phase = new float[echoes][grid.size()];
        double sigma = noiseSigma();
        ParallelLoop.forEachChunk(b.nz, 1, Cancellation.NEVER, (from, to) -> {
            double[] sum = new double[2 * echoes];
            double[] water = new double[2];
            double[] fat = new double[2];
            for (int k = (int) from; k < to; k++) {
                // one generator per slice: the same noise whatever the number of threads
                MeasurementNoise noise = new MeasurementNoise(sigma, b.seed * 1_000_003L + k);
                double[] sample = new double[2];
                for (int j = 0; j < b.ny; j++) {
                    for (int i = 0; i < b.nx; i++) {
                        int n = grid.index(i, j, k);
                        Arrays.fill(sum, 0);
                        for (int sz = 0; sz < SUBSAMPLES; sz++) {
                            for (int sy = 0; sy < SUBSAMPLES; sy++) {
                                for (int sx = 0; sx < SUBSAMPLES; sx++) {
                                    AbdomenTissue t = tissueAt(
                                            coordinate(i, sx, b.nx, b.dx),
                                            coordinate(j, sy, b.ny, b.dy),
                                            coordinate(k, sz, b.nz, b.dz));
                                    if (t.protonDensity() == 0) {
                                        continue;
                                    }
                                    double f = pdffOf(t);
                                    water[0] = t.protonDensity() * (1 - f);
                                    fat[0] = t.protonDensity() * f;
                                    double[] s =
                                            ChemicalShiftSignal.evaluate(water, fat, 0, r2starOf(t), te, fatFactor);
                                    for (int c = 0; c < s.length; c++) {
                                        sum[c] += s[c];
                                    }
                                }
                            }
                        }
                        double[] p = geometry.toPatient(i, j, k);
                        double phi0 =
                                0.8 * (p[0] / 160) - 0.5 * (p[1] / 115) + 0.4 * sq(p[0] / 160) - 0.3 * sq(p[2] / 75);
                        double scale = SIGNAL_SCALE / (SUBSAMPLES * SUBSAMPLES * SUBSAMPLES);
                        for (int e = 0; e < echoes; e++) {
                            double angle = phi0 + 2 * Math.PI * fieldHz[n] * te[e];
                            double c = Math.cos(angle), s = Math.sin(angle);
                            sample[0] = scale * (sum[2 * e] * c - sum[2 * e + 1] * s);
                            sample[1] = scale * (sum[2 * e] * s + sum[2 * e + 1] * c);
                            if (sigma > 0) {
                                noise.addTo(sample);
                            }
                            magnitude[e][n] = (float) Math.hypot(sample[0], sample[1]);
                            phase[e][n] = (float) Math.atan2(sample[1], sample[0]);
                        }
                    }
                }
            }
        });
        GreAcquisition acquisition = new GreAcquisition(b.echoTimes, b.fieldStrength);
        return new MultiEchoGre(
                VolumeArrays.frames(magnitude, grid, geometry, PhysicalUnit.ARBITRARY),
                VolumeArrays.frames(phase, grid, geometry, PhysicalUnit.RADIAN),
                acquisition);
    }

    /** Settings of an {@link AbdomenPhantom}; every one has a default, listed with its setter. */
    public static final class Builder {
        private int nx = 64, ny = 48, nz = 20;
        private double dx = 5.5, dy = 5.5, dz = 7.5;
        private double fieldStrength = Params.DEFAULTS.fieldStrength();
        private EchoTimes echoTimes = Params.DEFAULTS.echoTimes();
        private FatSpectrum fatSpectrum = FatSpectrum.byId(Params.DEFAULTS.fatSpectrum());
        private IronModel ironModel;
        private double rightLobeLic = Params.DEFAULTS.licRight();
        private double leftLobeLic = Params.DEFAULTS.licLeft();
        private double liverPdff = Params.DEFAULTS.liverPdffPercent() / 100;
        private double snr = Params.DEFAULTS.snr();
        private double shimHz = 40;
        private long seed = Params.DEFAULTS.seed();

        private Builder() {}

        /** Field, echoes, fat spectrum, liver iron and fat, SNR and seed from {@code p} (the iron model is set apart). */
        public Builder params(Params p) {
            return fieldStrength(p.fieldStrength())
                    .echoTimes(p.echoTimes())
                    .fatSpectrum(FatSpectrum.byId(p.fatSpectrum()))
                    .liverIron(p.licRight(), p.licLeft())
                    .liverPdff(p.liverPdffPercent() / 100)
                    .snr(p.snr())
                    .seed(p.seed());
        }

        /** Grid size (default 64 × 48 × 20). */
        public Builder size(int nx, int ny, int nz) {
            if (nx < 8 || ny < 8 || nz < 1) {
                throw new IllegalArgumentException("abdomen phantom grid too small: " + nx + "×" + ny + "×" + nz);
            }
            this.nx = nx;
            this.ny = ny;
            this.nz = nz;
            return this;
        }

        /** Voxel size in mm (default 5.5 × 5.5 × 7.5: a 352 × 264 × 150 mm field of view). */
        public Builder spacing(double dx, double dy, double dz) {
            if (!(dx > 0 && dy > 0 && dz > 0)) {
                throw new IllegalArgumentException("voxel sizes must be positive");
            }
            this.dx = dx;
            this.dy = dy;
            this.dz = dz;
            return this;
        }

        /** Field strength in T (default 1.5). */
        public Builder fieldStrength(double tesla) {
            this.fieldStrength = tesla;
            return this;
        }

        /** Echo times (default 6 echoes, TE1 1.2 ms, ΔTE 1.6 ms: a 1.5 T liver protocol). */
        public Builder echoTimes(EchoTimes echoTimes) {
            this.echoTimes = Objects.requireNonNull(echoTimes);
            return this;
        }

        /** Fat spectrum of the signal (default liver-6peak). */
        public Builder fatSpectrum(FatSpectrum spectrum) {
            this.fatSpectrum = Objects.requireNonNull(spectrum);
            return this;
        }

        /** How LIC becomes R2* and χ (required: no default, so a test states its calibration and constants). */
        public Builder ironModel(IronModel model) {
            this.ironModel = Objects.requireNonNull(model);
            return this;
        }

        /** LIC of the right and left lobe, mg Fe/g dry weight (default 8 and 3). */
        public Builder liverIron(double rightLobe, double leftLobe) {
            if (!(rightLobe >= 0 && leftLobe >= 0)) {
                throw new IllegalArgumentException("LIC must be >= 0");
            }
            this.rightLobeLic = rightLobe;
            this.leftLobeLic = leftLobe;
            return this;
        }

        /** Liver PDFF, 0…1 (default 0.12). */
        public Builder liverPdff(double fraction) {
            if (!(fraction >= 0 && fraction <= 1)) {
                throw new IllegalArgumentException("PDFF must be within 0…1, got " + fraction);
            }
            this.liverPdff = fraction;
            return this;
        }

        /** SNR of liver ρ = 1 at TE = 0 (default 50; 0 = no noise). */
        public Builder snr(double snr) {
            if (!(snr >= 0)) {
                throw new IllegalArgumentException("SNR must be >= 0");
            }
            this.snr = snr;
            return this;
        }

        /** Amplitude of the shim residual in Hz (default 40). */
        public Builder shimHz(double hz) {
            this.shimHz = hz;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public AbdomenPhantom build() {
            if (ironModel == null) {
                throw new IllegalStateException("the abdomen phantom needs an iron model (calibration and constants)");
            }
            return new AbdomenPhantom(this);
        }
    }
}
