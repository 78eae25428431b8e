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
import java.util.List;
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
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.core.parallel.ParallelLoop;
import org.ferrum.liver.calibration.LicCalibration;
import org.ferrum.liver.calibration.LiverIronFromSusceptibility;
import org.ferrum.relaxometry.ChemicalShiftSignal;
import org.ferrum.relaxometry.FatSpectrum;
import org.ferrum.relaxometry.MeasurementNoise;

/**
 * The abdomen without the inverse crime: {@link AbdomenPhantom}'s anatomy (body–air interface, subcutaneous fat, lung
 * bases, bowel gas, spleen, vertebra) with three liver regions of independently chosen LIC and PDFF, its field computed
 * on a grid {@code oversampling} times finer per axis than the acquisition ({@link FineGridField}) and the complex
 * signal averaged over the sub-voxels, each with its own tissue and field (intra-voxel dephasing, the partial volume
 * at every boundary). Built with {@link #builder()}; the truth constants are stated by the caller ({@link Truth}).
 *
 * <p>Contract (grid centred on the patient origin, LPS mm, B0 along +z):
 * <ul>
 * <li><b>Liver regions</b> ({@link #LIVER_REGIONS}): the right lobe lateral to x = −58 mm (label 1), the left lobe
 *     (label 2) and the right lobe medial to x = −58 mm (label 9), each with its own LIC (mg Fe/g dry weight) and PDFF.
 *     Other labels are {@link AbdomenTissue}'s.</li>
 * <li><b>R2*</b> of liver: R2*<sub>1.5T</sub> = the truth calibration's inverse at the region's LIC (Wood JC et al.,
 *     Blood 2005;106:1460–1465 by default); at another B0, R2*(B0) = R2*<sub>1.5T</sub> + (B0/1.5 T − 1)·(R2*<sub>1.5T</sub>
 *     − 11 s⁻¹), Storey P et al., JMRI 2007;25:540–547 (R2*(3 T) = 2.00·R2*(1.5 T) − 11 s⁻¹). Other tissues ∝ B0.</li>
 * <li><b>χ</b> relative to water: the tissue's own χ plus PDFF·(χ<sub>fat</sub> − χ<sub>water</sub>) plus, in the liver,
 *     s<sub>truth</sub>·LIC/r<sub>truth</sub> with the truth's ppm per mg Fe/g wet tissue s and wet-to-dry ratio r.
 *     {@link #chi()} is the voxel mean.</li>
 * <li><b>Field</b>: δ of χ − χ<sub>air</sub> on the fine grid (padded 1.5× in x, y with air and 3× in z with more body),
 *     ψ = γ̄B0·δ, minus its mean over the body voxels (the scanner's frequency adjustment), plus a harmonic shim residual.
 *     {@link #fieldHz()} is the voxel mean of ψ over sub-voxels.</li>
 * <li><b>Signal</b> at TE<sub>e</sub>: the mean over sub-voxels of (ρ_W + ρ_F c(TE)) e^{−R2* TE} e^{i2πψ<sub>sub</sub>TE}, times
 *     e^{iφ₀} (smooth receive phase), scaled to 1000 a.u. for ρ = 1, plus complex Gaussian noise of σ = 1000/SNR.</li>
 * <li>Deterministic for a builder (seed included) on any number of threads.</li>
 * </ul>
 */
public final class LiverIronPhantom {

    /** The liver regions' labels, in the order of {@link Builder#liver}: right lateral, left lobe, right medial. */
    public static final List<Integer> LIVER_REGIONS = List.of(1, 2, 9);
    /** x (mm) dividing the right lobe into its lateral (label 1) and medial (label 9) region. */
    private static final double RIGHT_LOBE_SPLIT_MM = -58;

    private static final double SIGNAL_SCALE = 1000;

    /**
     * The constants the truth is made with, stated by whoever builds the phantom.
     *
     * @param calibrationAt15T      R2*–LIC calibration at 1.5 T whose inverse gives the liver's R2*
     * @param ironSusceptibility    s (ppm per mg Fe/g wet) and r (wet/dry) of the iron's χ; its χ₀ must be 0
     * @param fatRelativeToWaterPpm χ_fat − χ_water, ppm
     * @param source                where the constants come from, for logs and reports
     */
    public record Truth(
            LicCalibration calibrationAt15T,
            LiverIronFromSusceptibility ironSusceptibility,
            double fatRelativeToWaterPpm,
            String source) {

        public Truth {
            if (!calibrationAt15T.fieldMatches(1.5)) {
                throw new IllegalArgumentException("the truth R2* is defined at 1.5 T; calibration '"
                        + calibrationAt15T.id() + "' is for " + calibrationAt15T.fieldStrengthT() + " T");
            }
            Objects.requireNonNull(source);
        }

        /**
         * Constants deliberately different from the sample pipeline's {@code chi_per_iron} (0.97 ppm per mg/g wet, from
         * brain ferritin): s = 1.5 ppm per mg Fe/g wet, from the in-vitro hepatic value of Bauman JH & Harris JW
         * (Science 1967;156:1733–1737, abstract: storage iron raises a human liver's volume susceptibility by ≈ 0.08·10⁻⁶
         * emu/cm³ per gram; ×4π for SI and per 0.67 mg/g, one gram in a 1.5 kg liver, ≈ 1.5 ppm per mg/g wet);
         * r = 3.33 (70 % water, the factor tabulated with the ASH LIC thresholds); χ_fat − χ_water = 0.6 ppm; R2* by
         * Wood 2005's 1.5 T calibration.
         */
        public static Truth independent() {
            return new Truth(
                    LicCalibration.byId("wood-2005-1.5t"),
                    new LiverIronFromSusceptibility(1.5, 3.33, 0),
                    0.6,
                    "s = 1.5 ppm per mg Fe/g ww (Bauman & Harris 1967), r = 3.33, χ_fat − χ_water = 0.6 ppm, R2* by wood-2005-1.5t");
        }

        /** R2* (1/s) at B0 of liver holding this LIC. */
        public double liverR2star(double lic, double b0) {
            double at15 = calibrationAt15T.r2StarFor(lic);
            return at15 + (b0 / 1.5 - 1) * (at15 - 11);
        }

        /** χ of the iron (ppm) for this LIC (mg/g dry). */
        public double ironChiPpm(double lic) {
            return ironSusceptibility.susceptibilityPpm(lic) - ironSusceptibility.ironFreeLiverPpm();
        }
    }

    private final Builder settings;
    private final VoxelGrid grid;
    private final Geometry geometry;
    private final float[] labels, chi, pdff, r2star, lic, fieldHz;
    private final EchoTimes echoTimes;
    private final MultiEchoGre gre;

    private LiverIronPhantom(Builder b) {
        settings = b;
        echoTimes = b.echoTimes != null ? b.echoTimes : defaultEchoTimes(b.fieldStrength);
        grid = new VoxelGrid(b.nx, b.ny, b.nz, b.dx, b.dy, b.dz);
        geometry = Geometry.ofAffine(
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
        fieldHz = new float[n];
        FineGridField field = FineGridField.compute(
                (x, y, z) -> chiAt(x, y, z) - AbdomenTissue.AIR_RELATIVE_TO_WATER_PPM, grid, b.oversampling, 1.5, 3);
        gre = simulate(field);
    }

    public static Builder builder() {
        return new Builder();
    }

    public VoxelGrid grid() {
        return grid;
    }

    public Geometry geometry() {
        return geometry;
    }

    public MultiEchoGre gre() {
        return gre;
    }

    /** Labels: {@link AbdomenTissue}'s, liver regions as in {@link #LIVER_REGIONS} (the label of most sub-voxels). */
    public Volume<FloatType> labels() {
        return VolumeArrays.volume(labels, grid, geometry, PhysicalUnit.DIMENSIONLESS);
    }

    /** True χ relative to water, ppm (voxel mean). */
    public Volume<FloatType> chi() {
        return VolumeArrays.volume(chi, grid, geometry, PhysicalUnit.PPM);
    }

    /** True PDFF, % (NaN without signal). */
    public Volume<FloatType> pdff() {
        return VolumeArrays.volume(pdff, grid, geometry, PhysicalUnit.PERCENT);
    }

    /** True R2* of the voxel's label, 1/s. */
    public Volume<FloatType> r2star() {
        return VolumeArrays.volume(r2star, grid, geometry, PhysicalUnit.PER_SECOND);
    }

    /** True LIC of the voxel's label, mg Fe/g dry (NaN outside the liver). */
    public Volume<FloatType> lic() {
        return VolumeArrays.volume(lic, grid, geometry, PhysicalUnit.MG_FE_PER_G_DRY_WEIGHT);
    }

    /** True field ψ, Hz (voxel mean over sub-voxels). */
    public Volume<FloatType> fieldHz() {
        return VolumeArrays.volume(fieldHz, grid, geometry, PhysicalUnit.HERTZ);
    }

    public Truth truth() {
        return settings.truth;
    }

    public double fieldStrength() {
        return settings.fieldStrength;
    }

    /** LIC (mg/g dry) of a liver region (index into {@link #LIVER_REGIONS}). */
    public double regionLic(int region) {
        return settings.lic[region];
    }

    /** PDFF (0…1) of a liver region. */
    public double regionPdff(int region) {
        return settings.pdff[region];
    }

    /** True R2* (1/s) of a liver region at this field strength. */
    public double regionR2star(int region) {
        return settings.truth.liverR2star(settings.lic[region], settings.fieldStrength);
    }

    /** True χ relative to water (ppm) of a liver region's tissue: iron plus fat. */
    public double regionChi(int region) {
        return settings.truth.ironChiPpm(settings.lic[region])
                + settings.pdff[region] * settings.truth.fatRelativeToWaterPpm();
    }

    /** Label names for {@code liver.measurements}. */
    public static String labelNames() {
        return "1=liver right lateral,2=liver left lobe,3=spleen,4=subcutaneous fat,5=vertebral marrow,6=muscle and other soft"
                + " tissue,7=lung,8=bowel gas,9=liver right medial";
    }

    /** Liver region index (0, 1, 2) at a position, or −1 outside the liver. */
    private static int regionOf(AbdomenTissue t, double x) {
        return t == AbdomenTissue.LIVER_LEFT_LOBE
                ? 1
                : t == AbdomenTissue.LIVER_RIGHT_LOBE ? (x < RIGHT_LOBE_SPLIT_MM ? 0 : 2) : -1;
    }

    private double chiAt(double x, double y, double z) {
        AbdomenTissue t = AbdomenPhantom.tissueAt(x, y, z);
        return chiOf(t, regionOf(t, x));
    }

    private double chiOf(AbdomenTissue t, int region) {
        if (t.protonDensity() == 0 || t == AbdomenTissue.LUNG) {
            return t.chiRelativeToWaterPpm();
        }
        return t.chiRelativeToWaterPpm()
                + pdffOf(t, region) * settings.truth.fatRelativeToWaterPpm()
                + (region >= 0 ? settings.truth.ironChiPpm(settings.lic[region]) : 0);
    }

    private double pdffOf(AbdomenTissue t, int region) {
        return region >= 0 ? settings.pdff[region] : t.pdff();
    }

    private double r2starOf(AbdomenTissue t, int region) {
        return region >= 0 ? regionR2star(region) : t.r2starAt15T() * settings.fieldStrength / 1.5;
    }

    private static int labelOf(AbdomenTissue t, int region) {
        return region >= 0 ? LIVER_REGIONS.get(region) : t.label();
    }

    /**
     * A smooth residual of imperfect shimming, Hz: first- and second-order solid harmonics (x, y, z, x² − y², xz). A
     * field made by sources outside the body obeys Laplace's equation inside it, so a shim residual must be harmonic:
     * a non-harmonic term (such as {@link AbdomenPhantom}'s x²) cannot come from any χ outside the body, and total field
     * inversion has to explain it by χ inside (measured: −0.5 to −1 ppm of shading in the liver with ±40 Hz at 1.5 T).
     */
    private double shim(double x, double y, double z) {
        double s = settings.shimHz;
        return s
                * (0.6 * x / 160
                        - 0.4 * y / 115
                        + 0.5 * z / 75
                        + 0.5 * (sq(x / 160) - sq(y / 160))
                        - 0.3 * (x / 160) * (z / 75));
    }

    private static double sq(double v) {
        return v * v;
    }

    private MultiEchoGre simulate(FineGridField field) {
        Builder b = settings;
        int f = field.factor();
        double hzPerPpm = FieldUnits.ppmToHertz(1, b.fieldStrength);
        // the scanner's frequency adjustment: the mean field over the body's voxels (mostly-tissue voxels) is 0
        double bodySum = 0;
        long bodyCount = 0;
        for (int k = 0; k < b.nz; k++) {
            for (int j = 0; j < b.ny; j++) {
                for (int i = 0; i < b.nx; i++) {
                    double[] p = geometry.toPatient(i, j, k);
                    if (AbdomenPhantom.tissueAt(p[0], p[1], p[2]).protonDensity() > 0.5) {
                        bodySum += field.voxelMeanPpm(i, j, k);
                        bodyCount++;
                    }
                }
            }
        }
        double offsetPpm = bodySum / Math.max(1, bodyCount);
        double[] te = echoTimes.toSeconds();
        int echoes = te.length;
        double[] fatFactor = b.fatSpectrum.complexFactor(te, b.fieldStrength);
        float[][] magnitude = new float[echoes][grid.size()];
        float[][] phase = new float[echoes][grid.size()];
        double sigma = b.snr > 0 ? SIGNAL_SCALE / b.snr : 0;
        int cube = f * f * f;
        ParallelLoop.forEachChunk(b.nz, 1, Cancellation.NEVER, (from, to) -> {
            double[] sum = new double[2 * echoes];
            double[] water = new double[2];
            double[] fat = new double[2];
            double[] sample = new double[2];
            int[] count = new int[16];
            for (int k = (int) from; k < to; k++) {
                MeasurementNoise noise = new MeasurementNoise(sigma, b.seed * 1_000_003L + k);
                for (int j = 0; j < b.ny; j++) {
                    for (int i = 0; i < b.nx; i++) {
                        int n = grid.index(i, j, k);
                        Arrays.fill(sum, 0);
                        Arrays.fill(count, 0);
                        double chiSum = 0, rho = 0, fatRho = 0, psiSum = 0;
                        for (int sz = 0; sz < f; sz++) {
                            for (int sy = 0; sy < f; sy++) {
                                for (int sx = 0; sx < f; sx++) {
                                    double x = FineGridField.coordinate(i, sx, b.nx, b.dx, f);
                                    double y = FineGridField.coordinate(j, sy, b.ny, b.dy, f);
                                    double z = FineGridField.coordinate(k, sz, b.nz, b.dz, f);
                                    AbdomenTissue t = AbdomenPhantom.tissueAt(x, y, z);
                                    int region = regionOf(t, x);
                                    count[labelOf(t, region)]++;
                                    chiSum += chiOf(t, region);
                                    double psi =
                                            hzPerPpm * (field.ppm(i, j, k, sx, sy, sz) - offsetPpm) + shim(x, y, z);
                                    psiSum += psi;
                                    if (t.protonDensity() == 0) {
                                        continue;
                                    }
                                    double pf = pdffOf(t, region);
                                    rho += t.protonDensity();
                                    fatRho += t.protonDensity() * pf;
                                    water[0] = t.protonDensity() * (1 - pf);
                                    fat[0] = t.protonDensity() * pf;
                                    double[] s = ChemicalShiftSignal.evaluate(
                                            water, fat, psi, r2starOf(t, region), te, fatFactor);
                                    for (int c = 0; c < s.length; c++) {
                                        sum[c] += s[c];
                                    }
                                }
                            }
                        }
                        int label = argMax(count);
                        labels[n] = label;
                        chi[n] = (float) (chiSum / cube);
                        pdff[n] = rho > 0 ? (float) (100 * fatRho / rho) : Float.NaN;
                        fieldHz[n] = (float) (psiSum / cube);
                        int region = LIVER_REGIONS.indexOf(label);
                        AbdomenTissue majority =
                                region >= 0 ? AbdomenTissue.LIVER_RIGHT_LOBE : AbdomenTissue.ofLabel(label);
                        r2star[n] = (float) r2starOf(majority, region);
                        lic[n] = region >= 0 ? (float) b.lic[region] : Float.NaN;
                        double[] p = geometry.toPatient(i, j, k);
                        double phi0 =
                                0.8 * (p[0] / 160) - 0.5 * (p[1] / 115) + 0.4 * sq(p[0] / 160) - 0.3 * sq(p[2] / 75);
                        double scale = SIGNAL_SCALE / cube;
                        double c0 = Math.cos(phi0), s0 = Math.sin(phi0);
                        for (int e = 0; e < echoes; e++) {
                            sample[0] = scale * (sum[2 * e] * c0 - sum[2 * e + 1] * s0);
                            sample[1] = scale * (sum[2 * e] * s0 + sum[2 * e + 1] * c0);
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
        return new MultiEchoGre(
                VolumeArrays.frames(magnitude, grid, geometry, PhysicalUnit.ARBITRARY),
                VolumeArrays.frames(phase, grid, geometry, PhysicalUnit.RADIAN),
                new GreAcquisition(echoTimes, b.fieldStrength));
    }

    /** 12 echoes from 1.0 ms, ΔTE 1.0 ms at ≤ 2 T and 0.7 ms above (short enough for R2* ≈ 1000 / 2000 s⁻¹). */
    public static EchoTimes defaultEchoTimes(double fieldStrength) {
        double spacing = fieldStrength > 2 ? 0.7 : 1.0;
        double[] ms = new double[12];
        for (int e = 0; e < ms.length; e++) {
            ms[e] = 1.0 + e * spacing;
        }
        return EchoTimes.ofMilliseconds(ms);
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

    /** Settings; every one has a default, listed with its setter. */
    public static final class Builder {
        private int nx = 64, ny = 48, nz = 20;
        private double dx = 5.5, dy = 5.5, dz = 7.5;
        private double fieldStrength = 1.5;
        private EchoTimes echoTimes;
        private FatSpectrum fatSpectrum = FatSpectrum.byId("liver-6peak");
        private Truth truth = Truth.independent();
        private double[] lic = {6, 12, 25};
        private double[] pdff = {0.03, 0.30, 0.12};
        private int oversampling = 2;
        private double snr = 50;
        private double shimHz = 40;
        private long seed = 1;

        private Builder() {}

        /** Grid size (default 64 × 48 × 20). */
        public Builder size(int nx, int ny, int nz) {
            if (nx < 8 || ny < 8 || nz < 1) {
                throw new IllegalArgumentException("phantom grid too small: " + nx + "×" + ny + "×" + nz);
            }
            this.nx = nx;
            this.ny = ny;
            this.nz = nz;
            return this;
        }

        /** Voxel size, mm (default 5.5 × 5.5 × 7.5). */
        public Builder spacing(double dx, double dy, double dz) {
            if (!(dx > 0 && dy > 0 && dz > 0)) {
                throw new IllegalArgumentException("voxel sizes must be positive");
            }
            this.dx = dx;
            this.dy = dy;
            this.dz = dz;
            return this;
        }

        /** B0 in T (default 1.5). */
        public Builder fieldStrength(double tesla) {
            if (!(tesla > 0)) {
                throw new IllegalArgumentException("field strength must be positive");
            }
            this.fieldStrength = tesla;
            return this;
        }

        /** Echo times (default 12 echoes from 1.0 ms, ΔTE 1.0 ms at ≤ 2 T and 0.7 ms above). */
        public Builder echoTimes(EchoTimes echoTimes) {
            this.echoTimes = Objects.requireNonNull(echoTimes);
            return this;
        }

        public Builder fatSpectrum(FatSpectrum spectrum) {
            this.fatSpectrum = Objects.requireNonNull(spectrum);
            return this;
        }

        /** The truth constants (default {@link Truth#independent()}). */
        public Builder truth(Truth truth) {
            this.truth = Objects.requireNonNull(truth);
            return this;
        }

        /**
         * LIC (mg Fe/g dry) and PDFF (0…1) of the three liver regions, in the order of {@link #LIVER_REGIONS} (default
         * LIC 6, 12, 25 with PDFF 3 %, 30 %, 12 %).
         */
        public Builder liver(double[] licDry, double[] pdffFraction) {
            if (licDry.length != 3 || pdffFraction.length != 3) {
                throw new IllegalArgumentException("give LIC and PDFF of the 3 liver regions");
            }
            for (int r = 0; r < 3; r++) {
                if (!(licDry[r] >= 0) || !(pdffFraction[r] >= 0 && pdffFraction[r] <= 1)) {
                    throw new IllegalArgumentException("LIC must be >= 0 and PDFF within 0…1 (region " + r + ")");
                }
            }
            this.lic = licDry.clone();
            this.pdff = pdffFraction.clone();
            return this;
        }

        /** Sub-voxels per voxel and axis for the field and the signal (default 2; ≥ 2 avoids the inverse crime). */
        public Builder oversampling(int factor) {
            if (factor < 1 || factor > 6) {
                throw new IllegalArgumentException("oversampling must be 1…6, got " + factor);
            }
            this.oversampling = factor;
            return this;
        }

        /** SNR of ρ = 1 at TE = 0 (default 50; 0 = no noise). */
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

        public LiverIronPhantom build() {
            return new LiverIronPhantom(this);
        }
    }
}
