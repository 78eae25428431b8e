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
package org.ferrum.relaxometry.t2;

/**
 * The echo amplitudes of a Carr–Purcell–Meiboom–Gill (CPMG) multi-echo spin-echo train by the extended phase graph
 * (EPG; Hennig J, J Magn Reson 1988;78:397–407; Weigel M, JMRI 2015;41:266–295), the stimulated-echo model of
 * Lebel RM, Wilman AH, MRM 2010;64:1005–1014, with analytic derivatives with respect to T2 and B1.
 *
 * <p>What is modelled: an ideal 90° excitation that puts the magnetisation along x; then {@code echoes} echo intervals
 * of length ESP, each a free interval ESP/2 (dephasing by one unit of the crusher/readout gradient moment, T2 decay,
 * T1 decay of longitudinal states), an instantaneous refocusing rotation about x by α = B1·α_nominal (CPMG: the
 * refocusing axis is the axis of the excited magnetisation), and another free interval ESP/2; echo n is the k = 0
 * transverse state at TE_n = n·ESP. Not modelled: the slice profile (every spin of the voxel sees the same α, as for a
 * non-selective or a well-profiled 3-D refocusing pulse; for 2-D slice-selective trains a fitted B1 is an effective,
 * profile-averaged value) and diffusion. The longitudinal magnetisation that regrows by T1 during the train is left out
 * because it never reaches the echoes: it is tipped into transverse states at the refocusing pulses, i.e. half-way
 * between echoes, and its dephasing order has the wrong parity to return to k = 0 at an echo time (the isochromat Bloch
 * simulation of {@code CpmgEchoTrainTest}, which includes it, agrees with this model to rounding).
 *
 * <p>States (real, by the CPMG symmetry): f_k = F⁺_k, g_k = F⁻_k and z_k with Z_k = i·z_k, k = 0 … 2·echoes+1. The
 * refocusing pulse maps (f, g, z)_k by
 * <pre>
 *   f' = cos²(α/2) f + sin²(α/2) g + sin α · z
 *   g' = sin²(α/2) f + cos²(α/2) g − sin α · z
 *   z' = −½ sin α · f + ½ sin α · g + cos α · z
 * </pre>
 * (the rotation about x written for F = Mx + iMy), a free interval multiplies f and g by E2 = e^{−ESP/(2T2)} and z by
 * E1 = e^{−ESP/(2T1)}, and dephasing shifts f_k ← f_{k−1}, g_k ← g_{k+1}, f_0 ← g_0. The echo train of a unit M0 is
 * s_n = f_0 at TE_n; at α = 180° it is exactly e^{−TE_n/T2}. s_n is signed: with short T2 and α well below 180° the
 * odd echoes can change sign (a real effect of hard-pulse CPMG trains), so magnitude data are fitted by |M0·s_n|.
 *
 * <p>Symmetry: α and 360° − α give the same train (a reflection x → −x maps one onto the other), so B1 is determined
 * only up to B1 ↔ 2·180°/α_nominal − B1; {@link EpgT2Fit} reports the branch with α ≤ 180°.
 *
 * <p>Derivatives: forward-mode (the recurrence differentiated exactly, states and their derivatives propagated
 * together), not finite differences. Cost O(echoes²) per train; only the populated orders are visited (odd k at the
 * pulses, even k at the echoes). Not thread-safe (work arrays): one instance per thread.
 */
public final class CpmgEchoTrain {

    private final int echoes;
    private final double halfSpacing;
    private final double e1;
    private final double nominal;
    private final int size;
    private final double[] f;
    private final double[] g;
    private final double[] z;
    private final double[] ft;
    private final double[] gt;
    private final double[] zt;
    private final double[] fb;
    private final double[] gb;
    private final double[] zb;

    /**
     * @param echoes       number of echoes (≥ 1)
     * @param echoSpacing  ESP in seconds (TE_n = n·ESP)
     * @param t1           T1 in seconds (&gt; 0, may be infinite)
     * @param nominalAngle the nominal refocusing angle in degrees (e.g. 180)
     */
    public CpmgEchoTrain(int echoes, double echoSpacing, double t1, double nominalAngle) {
        if (echoes < 1) {
            throw new IllegalArgumentException("at least one echo is needed, got " + echoes);
        }
        if (!(echoSpacing > 0) || !Double.isFinite(echoSpacing)) {
            throw new IllegalArgumentException("echo spacing must be a positive number of seconds, got " + echoSpacing);
        }
        if (!(t1 > 0)) {
            throw new IllegalArgumentException("T1 must be > 0 s, got " + t1);
        }
        if (!(nominalAngle > 0 && nominalAngle <= 360)) {
            throw new IllegalArgumentException(
                    "nominal refocusing angle must be in (0, 360] degrees, got " + nominalAngle);
        }
        this.echoes = echoes;
        this.halfSpacing = echoSpacing / 2;
        this.e1 = Math.exp(-halfSpacing / t1);
        this.nominal = Math.toRadians(nominalAngle);
        this.size = 2 * echoes + 2;
        f = new double[size];
        g = new double[size];
        z = new double[size];
        ft = new double[size];
        gt = new double[size];
        zt = new double[size];
        fb = new double[size];
        gb = new double[size];
        zb = new double[size];
    }

    /** The number of echoes. */
    public int echoes() {
        return echoes;
    }

    /** The nominal refocusing angle in radians. */
    public double nominalAngleRadians() {
        return nominal;
    }

    /**
     * The echo train of a unit M0, and optionally its derivatives.
     *
     * @param t2     T2 in seconds (&gt; 0)
     * @param b1     relative refocusing angle (actual / nominal)
     * @param signal receives s_n, n = 0 … echoes−1
     * @param dT2    receives ∂s_n/∂T2 (1/s), or null
     * @param dB1    receives ∂s_n/∂B1, or null
     */
    public void compute(double t2, double b1, double[] signal, double[] dT2, double[] dB1) {
        boolean derivatives = dT2 != null || dB1 != null;
        double alpha = b1 * nominal;
        double cosA = Math.cos(alpha);
        double sinA = Math.sin(alpha);
        double c2 = 0.5 * (1 + cosA);
        double s2 = 0.5 * (1 - cosA);
        // derivatives of the pulse coefficients with respect to B1 (dα/dB1 = nominal)
        double dc2 = -0.5 * sinA * nominal;
        double ds2 = -dc2;
        double dsin = cosA * nominal;
        double dcos = -sinA * nominal;
        double e2 = Math.exp(-halfSpacing / t2);
        double de2 = e2 * halfSpacing / (t2 * t2);
        java.util.Arrays.fill(f, 0);
        java.util.Arrays.fill(g, 0);
        java.util.Arrays.fill(z, 0);
        if (derivatives) {
            java.util.Arrays.fill(ft, 0);
            java.util.Arrays.fill(gt, 0);
            java.util.Arrays.fill(zt, 0);
            java.util.Arrays.fill(fb, 0);
            java.util.Arrays.fill(gb, 0);
            java.util.Arrays.fill(zb, 0);
        }
        f[0] = 1;
        g[0] = 1;
        int top = 0; // highest k that may be non-zero
        for (int n = 0; n < echoes; n++) {
            top = free(top, 0, e2, de2, derivatives); // at an echo only even orders are populated
            // refocusing rotation, state by state; at a pulse only odd orders are populated (z_0 stays 0)
            for (int k = 1; k <= top; k += 2) {
                double fk = f[k];
                double gk = g[k];
                double zk = z[k];
                f[k] = c2 * fk + s2 * gk + sinA * zk;
                g[k] = s2 * fk + c2 * gk - sinA * zk;
                z[k] = 0.5 * sinA * (gk - fk) + cosA * zk;
                if (derivatives) {
                    double a = ft[k];
                    double b = gt[k];
                    double c = zt[k];
                    ft[k] = c2 * a + s2 * b + sinA * c;
                    gt[k] = s2 * a + c2 * b - sinA * c;
                    zt[k] = 0.5 * sinA * (b - a) + cosA * c;
                    a = fb[k];
                    b = gb[k];
                    c = zb[k];
                    fb[k] = c2 * a + s2 * b + sinA * c + dc2 * fk + ds2 * gk + dsin * zk;
                    gb[k] = s2 * a + c2 * b - sinA * c + ds2 * fk + dc2 * gk - dsin * zk;
                    zb[k] = 0.5 * sinA * (b - a) + cosA * c + 0.5 * dsin * (gk - fk) + dcos * zk;
                }
            }
            top = free(top, 1, e2, de2, derivatives);
            signal[n] = f[0];
            if (dT2 != null) {
                dT2[n] = ft[0];
            }
            if (dB1 != null) {
                dB1[n] = fb[0];
            }
        }
    }

    /**
     * A free interval ESP/2: relaxation of the populated orders, then dephasing by one unit. Transverse states are
     * populated at orders of parity {@code from} (the others are zero); longitudinal states, which do not dephase, only
     * at odd orders. Returns the new highest state.
     */
    private int free(int top, int from, double e2, double de2, boolean derivatives) {
        for (int k = from; k <= top; k += 2) {
            if (derivatives) {
                ft[k] = de2 * f[k] + e2 * ft[k];
                gt[k] = de2 * g[k] + e2 * gt[k];
                fb[k] *= e2;
                gb[k] *= e2;
            }
            f[k] *= e2;
            g[k] *= e2;
        }
        for (int k = 1; k <= top; k += 2) {
            if (derivatives) {
                zt[k] *= e1;
                zb[k] *= e1;
            }
            z[k] *= e1;
        }
        int newTop = Math.min(top + 1, size - 1);
        shift(f, g, newTop);
        if (derivatives) {
            shift(ft, gt, newTop);
            shift(fb, gb, newTop);
        }
        return newTop;
    }

    /** f_k ← f_{k−1} (k ≥ 1), g_k ← g_{k+1}, f_0 ← g_0 (the conjugate of a real state is itself). */
    private static void shift(double[] fp, double[] fm, int top) {
        for (int k = top; k >= 1; k--) {
            fp[k] = fp[k - 1];
        }
        for (int k = 0; k < top; k++) {
            fm[k] = fm[k + 1];
        }
        fm[top] = 0;
        fp[0] = fm[0];
    }
}
