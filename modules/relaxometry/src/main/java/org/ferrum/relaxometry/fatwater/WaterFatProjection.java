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
package org.ferrum.relaxometry.fatwater;

import org.ferrum.core.acquisition.EchoTimes;
import org.ferrum.relaxometry.ChemicalShiftSignal;
import org.ferrum.relaxometry.FatSpectrum;

/**
 * The T2*-IDEAL signal model of one voxel with the linear amplitudes eliminated (variable projection): the residual
 * as a function of the field map ψ and R2* only, its grid search and its Gauss–Newton refinement.
 *
 * <p>Contract. For echo times t<sub>n</sub> (n = 0 … N−1) and the fat factor c<sub>n</sub> = c(t<sub>n</sub>) of a
 * {@link FatSpectrum}, the model of {@link ChemicalShiftSignal} is s = A(ψ, R2*) ρ with ρ = (ρ<sub>W</sub>,
 * ρ<sub>F</sub>) and the N×2 complex matrix
 * <pre>  A<sub>n0</sub> = z<sub>n</sub>,  A<sub>n1</sub> = c<sub>n</sub> z<sub>n</sub>,  z<sub>n</sub> = exp((i2πψ − R2*) t<sub>n</sub>).</pre>
 * For fixed (ψ, R2*) the least-squares amplitudes are ρ = G⁻¹ b with the Gram matrix G = A<sup>H</sup>A and
 * b = A<sup>H</sup>s, and the remaining (projected) residual is
 * <pre>  R(ψ, R2*) = ‖s‖² − b<sup>H</sup> G⁻¹ b = ‖(I − A G⁻¹ A<sup>H</sup>) s‖²</pre>
 * (Golub GH, Pereyra V, SIAM J Numer Anal 1973;10:413–432 for variable projection; applied to water–fat
 * separation by Hernando D et al., MRM 2008;59:571–580). Because |z<sub>n</sub>|² = e<sup>−2R2* t<sub>n</sub></sup>, G
 * depends on R2* only: it and its inverse are precomputed per R2* grid value, and the phasors e<sup>−i2πψt</sup> per ψ
 * grid value, so a grid point costs 2N complex multiply–adds per voxel and no allocation.
 *
 * <p>With evenly spaced echoes, R is periodic in ψ with period 1/ΔTE (shifting ψ by 1/ΔTE multiplies every
 * z<sub>n</sub> by the same phase e<sup>i2πt₀/ΔTE</sup>, which ρ absorbs); the grid then covers one period
 * [−1/(2ΔTE), 1/(2ΔTE)). With uneven echoes the grid covers the given search range.
 *
 * <p>Refinement ({@link Workspace#refine}) is Gauss–Newton on (ψ, R2*) with ρ eliminated, using Kaufman's
 * approximation of the projected Jacobian, J<sub>k</sub> = (I − A G⁻¹ A<sup>H</sup>) (∂A/∂θ<sub>k</sub>) ρ
 * (Kaufman L, BIT 1975;15:49–57), with ∂(Aρ)/∂ψ = i2πt·(Aρ) and ∂(Aρ)/∂R2* = −t·(Aρ); steps that do not lower R are
 * halved (a Levenberg–Marquardt-like safeguard), R2* stays in the allowed range and ψ stays within a sixth of the
 * main fat shift of its start, so that the fit stays in the basin it started in (that basin is chosen by the
 * swap-robust field map, not here): where fast decay leaves only two or three echoes above the noise, the free
 * refinement would otherwise wander to the swapped minimum.
 *
 * <p>Thread safety: the model is immutable; each thread uses its own {@link Workspace}.
 */
public final class WaterFatProjection {

    private final int echoes;
    private final double[] te;
    private final double[] cRe;
    private final double[] cIm;
    private final boolean uniform;
    private final double period;
    private final double[] fieldGrid;
    private final double[] r2Grid;
    private final double r2Min;
    private final double r2Max;
    private final double maxFieldStep;
    private final double mainFatShift;
    /** e^{−i2πψ_j t_n}: [j][n]. */
    private final double[][] phRe;

    private final double[][] phIm;
    /** e^{−R_k t_n}: [k][n]. */
    private final double[][] decay;
    /** G⁻¹ per R2* grid value: {g11/D, g00/D, Re(g01)/D, Im(g01)/D}. */
    private final double[][] gramInverse;

    /**
     * @param echoTimes    TE in seconds (≥ 3 echoes: 6 real unknowns need ≥ 6 real equations)
     * @param spectrum     the fat spectrum
     * @param b0Tesla      the field strength
     * @param fieldRangeHz half-width of the ψ search when the echoes are uneven (Hz); with even echoes one period
     * @param fieldSteps   ψ grid points over the search interval
     * @param r2Min        smallest R2* in 1/s (≥ 0)
     * @param r2Max        largest R2* in 1/s
     * @param r2Steps      R2* grid points (≥ 2)
     */
    public WaterFatProjection(
            double[] echoTimes,
            FatSpectrum spectrum,
            double b0Tesla,
            double fieldRangeHz,
            int fieldSteps,
            double r2Min,
            double r2Max,
            int r2Steps) {
        if (echoTimes.length < 3) {
            throw new IllegalArgumentException(
                    "fat–water separation needs at least 3 echoes (6 real unknowns: water and fat"
                            + " amplitudes and phases, field map, R2*), got " + echoTimes.length);
        }
        if (!(r2Max > r2Min) || r2Min < 0 || r2Steps < 2 || fieldSteps < 8) {
            throw new IllegalArgumentException("need 0 ≤ R2* min < R2* max, ≥ 2 R2* steps and ≥ 8 field steps");
        }
        this.echoes = echoTimes.length;
        this.te = echoTimes.clone();
        double[] c = spectrum.complexFactor(te, b0Tesla);
        cRe = new double[echoes];
        cIm = new double[echoes];
        for (int n = 0; n < echoes; n++) {
            cRe[n] = c[2 * n];
            cIm[n] = c[2 * n + 1];
        }
        this.uniform = EchoTimes.ofSeconds(te).isUniform(1e-3);
        double spacing = (te[echoes - 1] - te[0]) / (echoes - 1);
        this.period = uniform ? 1 / spacing : Double.NaN;
        double lo = uniform ? -period / 2 : -fieldRangeHz;
        double width = uniform ? period : 2 * fieldRangeHz;
        fieldGrid = new double[fieldSteps];
        phRe = new double[fieldSteps][echoes];
        phIm = new double[fieldSteps][echoes];
        for (int j = 0; j < fieldSteps; j++) {
            // uneven echoes: include both ends of the range; even echoes: one period, the end is the start again
            fieldGrid[j] = lo + width * j / (uniform ? fieldSteps : fieldSteps - 1);
            for (int n = 0; n < echoes; n++) {
                double a = -2 * Math.PI * fieldGrid[j] * te[n];
                phRe[j][n] = Math.cos(a);
                phIm[j][n] = Math.sin(a);
            }
        }
        this.r2Min = r2Min;
        this.r2Max = r2Max;
        r2Grid = new double[r2Steps];
        decay = new double[r2Steps][echoes];
        gramInverse = new double[r2Steps][];
        for (int k = 0; k < r2Steps; k++) {
            // quadratic spacing: dense where slow decay makes the residual sharp in R2* (a 100 /s step at R2* ≈ 35 /s
            // misfits 12 echoes over 14 ms by e^0.5 and lets the swapped field, whose fat beating mimics decay, win)
            double u = (double) k / (r2Steps - 1);
            r2Grid[k] = r2Min + (r2Max - r2Min) * u * u;
            for (int n = 0; n < echoes; n++) {
                decay[k][n] = Math.exp(-r2Grid[k] * te[n]);
            }
            gramInverse[k] = gramInverse(r2Grid[k]);
        }
        // The closest fat peak (main methylene) sets the distance to the swapped solution; a refinement step
        // of more than a sixth of it risks leaving the basin (a third is where the two basins meet).
        double main = 0;
        double[] f = spectrum.frequenciesHz(b0Tesla);
        double[] amp = spectrum.amplitude();
        double best = -1;
        for (int p = 0; p < f.length; p++) {
            if (amp[p] > best) {
                best = amp[p];
                main = f[p];
            }
        }
        this.mainFatShift = Math.abs(main);
        this.maxFieldStep = Math.max(5, mainFatShift / 6);
    }

    /** {g11/D, g00/D, Re(g01)/D, Im(g01)/D} for G = A^H A at this R2*. */
    private double[] gramInverse(double r2) {
        double g00 = 0;
        double g11 = 0;
        double g01r = 0;
        double g01i = 0;
        for (int n = 0; n < echoes; n++) {
            double w = Math.exp(-2 * r2 * te[n]);
            g00 += w;
            g11 += w * (cRe[n] * cRe[n] + cIm[n] * cIm[n]);
            g01r += w * cRe[n];
            g01i += w * cIm[n];
        }
        double det = g00 * g11 - (g01r * g01r + g01i * g01i);
        return new double[] {g11 / det, g00 / det, g01r / det, g01i / det};
    }

    /** Number of echoes. */
    public int echoes() {
        return echoes;
    }

    /** True if the echoes are evenly spaced, so that the field is only known modulo {@link #period()}. */
    public boolean isPeriodic() {
        return uniform;
    }

    /** 1/ΔTE in Hz for even echoes (NaN otherwise). */
    public double period() {
        return period;
    }

    /** The ψ grid (Hz, a copy). */
    public double[] fieldGrid() {
        return fieldGrid.clone();
    }

    /** The spacing of the ψ grid in Hz. */
    public double fieldStep() {
        return fieldGrid[1] - fieldGrid[0];
    }

    /** The R2* range in 1/s. */
    public double r2Min() {
        return r2Min;
    }

    public double r2Max() {
        return r2Max;
    }

    /** Largest ψ step of the refinement in Hz (a sixth of the main fat peak's shift). */
    public double maxFieldStep() {
        return maxFieldStep;
    }

    /** |frequency| of the strongest fat peak in Hz: the distance between a field value and its swapped twin. */
    public double mainFatShift() {
        return mainFatShift;
    }

    /** A new per-thread workspace. */
    public Workspace workspace() {
        return new Workspace();
    }

    /**
     * Scratch arrays and the results of the last evaluation for one thread: after {@link #project} the fields
     * {@code wRe, wIm, fRe, fIm} hold ρ<sub>W</sub>, ρ<sub>F</sub> and {@code residual} holds R.
     */
    public final class Workspace {
        private final double[] sRe = new double[echoes];
        private final double[] sIm = new double[echoes];
        private final double[] uRe = new double[echoes];
        private final double[] uIm = new double[echoes];
        private final double[] vRe = new double[echoes];
        private final double[] vIm = new double[echoes];
        private final double[] zRe = new double[echoes];
        private final double[] zIm = new double[echoes];
        private final double[] mRe = new double[echoes];
        private final double[] mIm = new double[echoes];
        private final double[] gInv = new double[4];
        private final double[] coef = new double[4];
        private final double[] table = new double[r2Grid.length * fieldGrid.length];
        private double energy;
        private double profileResidual;
        private double nh00;
        private double priorMean;
        private double priorWeight;
        private double nh01;
        private double nh11;
        private double nq0;
        private double nq1;
        /** The minimising R2* of the last {@link #profile} (1/s). */
        public double profileR2;
        /** Water amplitude ρ_W (re, im) of the last projection. */
        public double wRe;

        public double wIm;
        /** Fat amplitude ρ_F (re, im) of the last projection. */
        public double fRe;

        public double fIm;
        /** The projected residual R of the last projection. */
        public double residual;
        /** ψ (Hz) and R2* (1/s) after {@link #refine}. */
        public double field;

        public double r2star;

        private Workspace() {}

        /** Loads voxel {@code v}'s signal from per-echo real and imaginary arrays. */
        public void load(float[][] re, float[][] im, int v) {
            double e = 0;
            for (int n = 0; n < echoes; n++) {
                sRe[n] = re[n][v];
                sIm[n] = im[n][v];
                e += sRe[n] * sRe[n] + sIm[n] * sIm[n];
            }
            energy = e;
        }

        /** Loads a signal given interleaved (re, im) per echo. */
        public void load(double[] interleaved) {
            double e = 0;
            for (int n = 0; n < echoes; n++) {
                sRe[n] = interleaved[2 * n];
                sIm[n] = interleaved[2 * n + 1];
                e += sRe[n] * sRe[n] + sIm[n] * sIm[n];
            }
            energy = e;
        }

        /** ‖s‖² of the loaded signal. */
        public double energy() {
            return energy;
        }

        /**
         * The grid search: for every ψ grid value the residual minimised over the R2* grid.
         *
         * @param residual out: min over R2* of R(ψ_j, R2*), per ψ grid index
         * @param r2       out: the minimising R2* per ψ grid index
         */
        public void gridSearch(double[] residual, double[] r2) {
            int m = fieldGrid.length;
            for (int k = 0; k < r2Grid.length; k++) {
                double[] d = decay[k];
                for (int n = 0; n < echoes; n++) {
                    // u = e^{-Rt} s and v = e^{-Rt} conj(c) s, so that b0, b1 are phasor-weighted sums of them
                    uRe[n] = d[n] * sRe[n];
                    uIm[n] = d[n] * sIm[n];
                    vRe[n] = uRe[n] * cRe[n] + uIm[n] * cIm[n];
                    vIm[n] = uIm[n] * cRe[n] - uRe[n] * cIm[n];
                }
                double[] gi = gramInverse[k];
                for (int j = 0; j < m; j++) {
                    double[] pr = phRe[j];
                    double[] pi = phIm[j];
                    double b0r = 0;
                    double b0i = 0;
                    double b1r = 0;
                    double b1i = 0;
                    for (int n = 0; n < echoes; n++) {
                        b0r += pr[n] * uRe[n] - pi[n] * uIm[n];
                        b0i += pr[n] * uIm[n] + pi[n] * uRe[n];
                        b1r += pr[n] * vRe[n] - pi[n] * vIm[n];
                        b1i += pr[n] * vIm[n] + pi[n] * vRe[n];
                    }
                    table[k * m + j] = energy - projectedEnergy(gi, b0r, b0i, b1r, b1i);
                }
            }
            for (int j = 0; j < m; j++) {
                int best = 0;
                for (int k = 1; k < r2Grid.length; k++) {
                    if (table[k * m + j] < table[best * m + j]) {
                        best = k;
                    }
                }
                refineR2(best, table, j, m);
                residual[j] = profileResidual;
                r2[j] = profileR2;
            }
        }

        /**
         * r(ψ) = min over R2* of R(ψ, R2*) at any ψ: the R2* grid searched, then refined by a parabola through the
         * three grid values around the best (variable projection over both ψ and R2*, as the grid search).
         *
         * @return r(ψ); {@link #profileR2} holds the minimising R2*
         */
        public double profile(double psi) {
            for (int n = 0; n < echoes; n++) {
                double a = -2 * Math.PI * psi * te[n];
                double pr = Math.cos(a);
                double pi = Math.sin(a);
                // phasor-weighted signal, then conj(c) times it
                zRe[n] = pr * sRe[n] - pi * sIm[n];
                zIm[n] = pr * sIm[n] + pi * sRe[n];
                mRe[n] = zRe[n] * cRe[n] + zIm[n] * cIm[n];
                mIm[n] = zIm[n] * cRe[n] - zRe[n] * cIm[n];
            }
            int best = 0;
            for (int k = 0; k < r2Grid.length; k++) {
                double[] d = decay[k];
                double b0r = 0;
                double b0i = 0;
                double b1r = 0;
                double b1i = 0;
                for (int n = 0; n < echoes; n++) {
                    b0r += d[n] * zRe[n];
                    b0i += d[n] * zIm[n];
                    b1r += d[n] * mRe[n];
                    b1i += d[n] * mIm[n];
                }
                table[k] = energy - projectedEnergy(gramInverse[k], b0r, b0i, b1r, b1i);
                if (table[k] < table[best]) {
                    best = k;
                }
            }
            refineR2(best, table, 0, 1);
            return profileResidual;
        }

        /**
         * The minimum over R2* from the grid values t[k·stride + offset]: a parabola through the best and its two
         * neighbours (unevenly spaced), its vertex kept if it lies between them; sets profileResidual and profileR2.
         */
        private void refineR2(int best, double[] t, int offset, int stride) {
            double y1 = t[best * stride + offset];
            profileResidual = Math.max(0, y1);
            profileR2 = r2Grid[best];
            if (best == 0 || best == r2Grid.length - 1) {
                return;
            }
            double x0 = r2Grid[best - 1];
            double x1 = r2Grid[best];
            double x2 = r2Grid[best + 1];
            double y0 = t[(best - 1) * stride + offset];
            double y2 = t[(best + 1) * stride + offset];
            // divided differences: y ≈ y1 + d1 (x − x1) + a (x − x1)(x − x0 ... ) written as a quadratic in (x − x1)
            double s0 = (y1 - y0) / (x1 - x0);
            double s2 = (y2 - y1) / (x2 - x1);
            double a = (s2 - s0) / (x2 - x0);
            if (!(a > 0)) {
                return;
            }
            // slope at x1 of the interpolating parabola
            double b = s0 + a * (x1 - x0);
            double dx = -b / (2 * a);
            if (x1 + dx < x0 || x1 + dx > x2) {
                return;
            }
            profileR2 = x1 + dx;
            profileResidual = Math.max(0, Math.min(y1, y1 + b * dx + a * dx * dx));
        }

        /** b^H G⁻¹ b = (g11|b0|² + g00|b1|² − 2 Re(conj(b0) g01 b1)) / D. */
        private double projectedEnergy(double[] gi, double b0r, double b0i, double b1r, double b1i) {
            // conj(b0)·b1
            double xr = b0r * b1r + b0i * b1i;
            double xi = b0r * b1i - b0i * b1r;
            return gi[0] * (b0r * b0r + b0i * b0i) + gi[1] * (b1r * b1r + b1i * b1i) - 2 * (gi[2] * xr - gi[3] * xi);
        }

        /**
         * Solves the linear amplitudes at (ψ, R2*) and the projected residual; leaves z, the model Aρ and ρ in the
         * workspace.
         *
         * @return R(ψ, R2*)
         */
        public double project(double psi, double r2) {
            // z_n = exp((i2πψ − R2*) t_n)
            for (int n = 0; n < echoes; n++) {
                double d = Math.exp(-r2 * te[n]);
                double a = 2 * Math.PI * psi * te[n];
                zRe[n] = d * Math.cos(a);
                zIm[n] = d * Math.sin(a);
            }
            double g00 = 0;
            double g11 = 0;
            double g01r = 0;
            double g01i = 0;
            double b0r = 0;
            double b0i = 0;
            double b1r = 0;
            double b1i = 0;
            for (int n = 0; n < echoes; n++) {
                double w = zRe[n] * zRe[n] + zIm[n] * zIm[n];
                g00 += w;
                g11 += w * (cRe[n] * cRe[n] + cIm[n] * cIm[n]);
                g01r += w * cRe[n];
                g01i += w * cIm[n];
                // conj(z) s and conj(c z) s
                double ur = zRe[n] * sRe[n] + zIm[n] * sIm[n];
                double ui = zRe[n] * sIm[n] - zIm[n] * sRe[n];
                b0r += ur;
                b0i += ui;
                b1r += cRe[n] * ur + cIm[n] * ui;
                b1i += cRe[n] * ui - cIm[n] * ur;
            }
            double det = g00 * g11 - (g01r * g01r + g01i * g01i);
            gInv[0] = g11 / det;
            gInv[1] = g00 / det;
            gInv[2] = g01r / det;
            gInv[3] = g01i / det;
            solveGram(b0r, b0i, b1r, b1i);
            wRe = coef[0];
            wIm = coef[1];
            fRe = coef[2];
            fIm = coef[3];
            double r = 0;
            for (int n = 0; n < echoes; n++) {
                double ar = wRe + fRe * cRe[n] - fIm * cIm[n];
                double ai = wIm + fRe * cIm[n] + fIm * cRe[n];
                mRe[n] = ar * zRe[n] - ai * zIm[n];
                mIm[n] = ar * zIm[n] + ai * zRe[n];
                double er = sRe[n] - mRe[n];
                double ei = sIm[n] - mIm[n];
                r += er * er + ei * ei;
            }
            residual = r;
            return r;
        }

        /**
         * Gauss–Newton refinement of (ψ, R2*) from a start value, with ρ eliminated; afterwards {@link #field},
         * {@link #r2star}, ρ and {@link #residual} hold the result.
         *
         * @param psi        start ψ in Hz
         * @param r2         start R2* in 1/s
         * @param iterations most Gauss–Newton steps
         */
        public void refine(double psi, double r2, int iterations) {
            refine(psi, r2, psi, iterations);
        }

        /**
         * As {@link #refine(double, double, int)}, keeping ψ within a sixth of the main fat shift of {@code centre}
         * (the field-map stage's value) rather than of the start.
         */
        public void refine(double psi, double r2, double centre, int iterations) {
            refine(psi, r2, centre, iterations, 0, 0);
        }

        /**
         * As {@link #refine(double, double, double, int)}, minimising R(ψ, R2*) + λ(ψ − ψ̄)² (a Gaussian prior on ψ with
         * mean ψ̄ and variance σ²/λ for noise variance σ² per channel: the maximum a posteriori fit); λ = 0 is the
         * plain fit. {@link #residual} stays the data residual R.
         *
         * @param priorMean   ψ̄, Hz
         * @param priorWeight λ = σ²/(prior variance), signal² per Hz²
         */
        public void refine(double psi, double r2, double centre, int iterations, double priorMean, double priorWeight) {
            this.priorMean = priorMean;
            this.priorWeight = priorWeight;
            // the basin: ψ stays within a sixth of the main fat shift of the centre, which the field-map stage chose
            double low = centre - maxFieldStep;
            double high = centre + maxFieldStep;
            psi = Math.max(low, Math.min(high, psi));
            r2 = clampR2(r2);
            double cost = project(psi, r2) + priorWeight * (psi - priorMean) * (psi - priorMean);
            for (int it = 0; it < iterations; it++) {
                normalEquations();
                double h00 = nh00 + priorWeight;
                double h01 = nh01;
                double h11 = nh11;
                double q0 = nq0 - priorWeight * (psi - priorMean);
                double q1 = nq1;
                double det = h00 * h11 - h01 * h01;
                if (!(det > 0)) {
                    break;
                }
                double dPsi = (h11 * q0 - h01 * q1) / det;
                double dR2 = (h00 * q1 - h01 * q0) / det;
                double scale = 1;
                if (Math.abs(dPsi) > maxFieldStep) {
                    scale = maxFieldStep / Math.abs(dPsi);
                }
                boolean improved = false;
                for (int halving = 0; halving < 4; halving++) {
                    double p = Math.max(low, Math.min(high, psi + scale * dPsi));
                    double r = clampR2(r2 + scale * dR2);
                    double trial = project(p, r) + priorWeight * (p - priorMean) * (p - priorMean);
                    if (trial <= cost) {
                        improved = cost - trial > 1e-12 * energy;
                        psi = p;
                        r2 = r;
                        cost = trial;
                        break;
                    }
                    scale /= 2;
                }
                if (!improved) {
                    break;
                }
            }
            project(psi, r2);
            field = psi;
            r2star = r2;
        }

        /**
         * The Gauss–Newton normal equations at the last projection (Kaufman's projected Jacobian, real-stacked):
         * H = JᵀJ in nh00, nh01, nh11 and Jᵀ(s − Aρ) in nq0, nq1, for θ = (ψ in Hz, R2* in 1/s).
         */
        private void normalEquations() {
            double h00 = 0;
            double h01 = 0;
            double h11 = 0;
            double q0 = 0;
            double q1 = 0;
            // Kaufman Jacobian columns: P⊥ (i2πt m) and P⊥ (−t m); P⊥x = x − A G⁻¹ A^H x
            // A^H x for x = i2πt m (→ a) and x = −t m (→ b)
            double a0r = 0, a0i = 0, a1r = 0, a1i = 0, c0r = 0, c0i = 0, c1r = 0, c1i = 0;
            for (int n = 0; n < echoes; n++) {
                double xr = -2 * Math.PI * te[n] * mIm[n];
                double xi = 2 * Math.PI * te[n] * mRe[n];
                double yr = -te[n] * mRe[n];
                double yi = -te[n] * mIm[n];
                double ur = zRe[n] * xr + zIm[n] * xi;
                double ui = zRe[n] * xi - zIm[n] * xr;
                a0r += ur;
                a0i += ui;
                a1r += cRe[n] * ur + cIm[n] * ui;
                a1i += cRe[n] * ui - cIm[n] * ur;
                double vr = zRe[n] * yr + zIm[n] * yi;
                double vi = zRe[n] * yi - zIm[n] * yr;
                c0r += vr;
                c0i += vi;
                c1r += cRe[n] * vr + cIm[n] * vi;
                c1i += cRe[n] * vi - cIm[n] * vr;
            }
            // coefficients G⁻¹ (A^H x)
            solveGram(a0r, a0i, a1r, a1i);
            double pa0r = coef[0];
            double pa0i = coef[1];
            double pa1r = coef[2];
            double pa1i = coef[3];
            solveGram(c0r, c0i, c1r, c1i);
            double pc0r = coef[0];
            double pc0i = coef[1];
            double pc1r = coef[2];
            double pc1i = coef[3];
            for (int n = 0; n < echoes; n++) {
                double xr = -2 * Math.PI * te[n] * mIm[n];
                double xi = 2 * Math.PI * te[n] * mRe[n];
                double yr = -te[n] * mRe[n];
                double yi = -te[n] * mIm[n];
                // A_n0 = z_n, A_n1 = c_n z_n; subtract A·(G⁻¹A^H x)
                double kr = pa0r + pa1r * cRe[n] - pa1i * cIm[n];
                double ki = pa0i + pa1r * cIm[n] + pa1i * cRe[n];
                double j0r = xr - (kr * zRe[n] - ki * zIm[n]);
                double j0i = xi - (kr * zIm[n] + ki * zRe[n]);
                kr = pc0r + pc1r * cRe[n] - pc1i * cIm[n];
                ki = pc0i + pc1r * cIm[n] + pc1i * cRe[n];
                double j1r = yr - (kr * zRe[n] - ki * zIm[n]);
                double j1i = yi - (kr * zIm[n] + ki * zRe[n]);
                double er = sRe[n] - mRe[n];
                double ei = sIm[n] - mIm[n];
                h00 += j0r * j0r + j0i * j0i;
                h11 += j1r * j1r + j1i * j1i;
                h01 += j0r * j1r + j0i * j1i;
                q0 += j0r * er + j0i * ei;
                q1 += j1r * er + j1i * ei;
            }
            nh00 = h00;
            nh01 = h01;
            nh11 = h11;
            nq0 = q0;
            nq1 = q1;
        }

        /**
         * The Cramér–Rao variance of the field ψ at the last {@link #refine} result, per unit noise variance: Var(ψ) =
         * σ²·[(JᵀJ)⁻¹]<sub>ψψ</sub> in Hz² for σ the noise SD per real/imaginary channel. J is the Jacobian of the
         * real-stacked model with respect to (ψ, R2*) with ρ<sub>W</sub>, ρ<sub>F</sub> projected out, which is exactly
         * the Schur complement of the full 6-parameter Fisher information (Golub–Pereyra; the linear nuisance
         * parameters are eliminated), so this is the bound with water, fat and R2* all unknown. Where R2* sits at a
         * bound it is treated as known (1/(JᵀJ)<sub>ψψ</sub>). Infinite where the information vanishes.
         */
        public double fieldVariancePerNoiseVariance() {
            return fieldVariancePerNoiseVariance(true);
        }

        /**
         * The sampling variance of ψ from the last {@link #refine} with a prior (Hz²): the fit's linearised response to
         * noise in the data and in the prior mean, M⁻¹(σ²H + λ²v·e e<sup>T</sup>)M⁻¹ with H = JᵀJ over (ψ, R2*),
         * M = H + λ e e<sup>T</sup>, e the ψ axis, λ the prior weight and v the prior mean's own variance (Hz²). This is
         * what repeating the scan would show (validated against Monte Carlo over noise seeds); it leaves out the bias the
         * prior's smoothness assumption may cause. Equals σ²·{@link #fieldVariancePerNoiseVariance(boolean)} without a
         * prior.
         *
         * @param noiseVariance     σ² per channel
         * @param priorMeanVariance v, Hz²
         */
        public double fieldSamplingVariance(double noiseVariance, double priorMeanVariance) {
            normalEquations();
            double lambda = priorWeight;
            double h00 = nh00 + lambda;
            double extra = lambda * lambda * priorMeanVariance;
            if (r2star <= r2Min || r2star >= r2Max) {
                return h00 > 0 ? (noiseVariance * nh00 + extra) / (h00 * h00) : Double.POSITIVE_INFINITY;
            }
            double det = h00 * nh11 - nh01 * nh01;
            if (!(det > 0)) {
                return Double.POSITIVE_INFINITY;
            }
            // first row of M⁻¹
            double m0 = nh11 / det;
            double m1 = -nh01 / det;
            double quadH = m0 * m0 * nh00 + 2 * m0 * m1 * nh01 + m1 * m1 * nh11;
            return noiseVariance * quadH + extra * m0 * m0;
        }

        /**
         * As {@link #fieldVariancePerNoiseVariance()}; {@code withPrior = false} gives the data's own bound even after a
         * fit with a prior (what a neighbour may use as its prior without counting the prior twice).
         */
        public double fieldVariancePerNoiseVariance(boolean withPrior) {
            normalEquations();
            // with a prior (λ > 0) its information adds to the data's: the posterior variance of the MAP fit
            double h00 = nh00 + (withPrior ? priorWeight : 0);
            boolean atBound = r2star <= r2Min || r2star >= r2Max;
            if (atBound) {
                return h00 > 0 ? 1 / h00 : Double.POSITIVE_INFINITY;
            }
            double det = h00 * nh11 - nh01 * nh01;
            return det > 0 ? nh11 / det : Double.POSITIVE_INFINITY;
        }

        /**
         * coef = G⁻¹ (b0, b1) with the last projection's Gram inverse:
         * (g11 b0 − g01 b1)/D and (−conj(g01) b0 + g00 b1)/D, as (re, im, re, im).
         */
        private void solveGram(double b0r, double b0i, double b1r, double b1i) {
            coef[0] = gInv[0] * b0r - (gInv[2] * b1r - gInv[3] * b1i);
            coef[1] = gInv[0] * b0i - (gInv[2] * b1i + gInv[3] * b1r);
            coef[2] = -(gInv[2] * b0r + gInv[3] * b0i) + gInv[1] * b1r;
            coef[3] = -(gInv[2] * b0i - gInv[3] * b0r) + gInv[1] * b1i;
        }

        private double clampR2(double r2) {
            return Math.max(r2Min, Math.min(r2Max, r2));
        }
    }
}
