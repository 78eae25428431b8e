#!/usr/bin/env python3
# Makes the OSIPI-format model files our copy of the suite lacks (extended Tofts, 2CUM, delayed tissue), by a forward
# simulation independent of the Java code: the Parker 2006 population AIF evaluated analytically on a 0.01 s grid,
# convolved numerically (trapezoid rule on that grid) with each model's impulse response, sampled at the frames, plus
# seeded Gaussian noise. The delayed files shift the tissue curves of the delay_0 files by 5 samples (as the suite's
# delay_5 files do), the arterial delay column then holding the shift in seconds.
# Run from this folder: python3 make_files.py ../../../../../../../../../testdata/osipi/dce
import sys, os
import numpy as np

FINE = 0.01  # s


def parker_plasma(t_s, onset_s=20.0, hct=0.42):
    t = (t_s - onset_s) / 60.0  # minutes after the bolus
    a1, a2, t1, t2, s1, s2 = 0.809, 0.330, 0.17046, 0.365, 0.0563, 0.132
    alpha, beta, s, tau = 1.050, 0.1685, 38.078, 0.483
    cb = (a1 / (s1 * np.sqrt(2 * np.pi)) * np.exp(-(t - t1) ** 2 / (2 * s1 ** 2))
          + a2 / (s2 * np.sqrt(2 * np.pi)) * np.exp(-(t - t2) ** 2 / (2 * s2 ** 2))
          + alpha * np.exp(-beta * t) / (1 + np.exp(-s * (t - tau))))
    cb = np.where(t > 0, cb, 0.0)
    return cb / (1 - hct)


def simulate(h, t_frames, onset_s=20.0):
    """C(t) = (C_p ⊗ h)(t) on the fine grid (trapezoid), then sampled at t_frames (s). h takes minutes."""
    tf = np.arange(0, t_frames[-1] + FINE / 2, FINE)
    cp = parker_plasma(tf, onset_s)
    hf = h(tf / 60.0)
    conv = np.convolve(cp, hf)[: len(tf)] * (FINE / 60.0)
    conv -= 0.5 * (FINE / 60.0) * (cp * hf[0] + cp[0] * hf)  # trapezoid end corrections
    return np.interp(t_frames, tf, conv), parker_plasma(t_frames, onset_s)


def fmt(a):
    return " ".join("%.8g" % v for v in a)


def extended_tofts(out):
    rng = np.random.default_rng(17)
    t = np.arange(0, 300.0 + 1e-9, 1.0)
    rows = []
    for ktrans in (0.05, 0.2, 0.5):
        for ve in (0.1, 0.3, 0.5):
            for vp in (0.02, 0.1):
                kep = ktrans / ve
                c, cp = simulate(lambda tm: ktrans * np.exp(-kep * tm), t)
                c = c + vp * cp + rng.normal(0, 0.005, len(t))
                rows.append((f"etofts_K{ktrans}_ve{ve}_vp{vp}", ve, ktrans, vp, 0, fmt(t), fmt(c), fmt(cp), fmt(t)))
    with open(os.path.join(out, "dce_DRO_data_extended_tofts.csv"), "w") as f:
        f.write("label,ve,Ktrans,vp,arterialdelay,t,C,ca,ta\n")
        for r in rows:
            f.write(",".join(str(x) for x in r) + "\n")


def two_cum(out):
    rng = np.random.default_rng(23)
    t = np.arange(0.25, 300.0, 0.5)
    rows = []
    n = 0
    for vp in (0.02, 0.1):
        for fp in (5, 25, 40):
            for ps in (0.05, 0.15):
                n += 1
                f = fp / 100.0
                e = ps / (f + ps)
                k = (f + ps) / vp
                c, cp = simulate(lambda tm: f * ((1 - e) * np.exp(-k * tm) + e), t)
                c = c + rng.normal(0, 0.0025, len(t))
                rows.append((f"case_{n}", vp, fp, ps, 0, fmt(t), fmt(c), fmt(cp)))
    with open(os.path.join(out, "2cum_sd_0.0025_delay_0.csv"), "w") as f:
        f.write("label,vp,fp,ps,arterial_delay,t,C_t,cp_aif\n")
        for r in rows:
            f.write(",".join(str(x) for x in r) + "\n")


def delayed(src, dst, tissue_column, delay_column, shift=5):
    import csv
    with open(src) as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = list(reader)
    ti = header.index(tissue_column)
    di = header.index(delay_column)
    tcol = header.index("t")
    with open(dst, "w") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            t = np.array(r[tcol].split(), float)
            c = np.array(r[ti].split(), float)
            shifted = np.concatenate([np.full(shift, c[0]), c[:-shift]])
            r = list(r)
            r[0] = r[0] + "_delayed"
            r[ti] = fmt(shifted)
            r[di] = "%g" % (shift * (t[1] - t[0]))
            f.write(",".join(r) + "\n")


if __name__ == "__main__":
    osipi = sys.argv[1] if len(sys.argv) > 1 else "."
    extended_tofts(".")
    two_cum(".")
    delayed(os.path.join(osipi, "patlak_sd_0.02_delay_0.csv"), "patlak_sd_0.02_delay_5.csv", "C_t", "arterial_delay")
    delayed(os.path.join(osipi, "2cxm_sd_0.001_delay_0.csv"), "2cxm_sd_0.001_delay_5.csv", "C_t", "arterial_delay")
    delayed("2cum_sd_0.0025_delay_0.csv", "2cum_sd_0.0025_delay_5.csv", "C_t", "arterial_delay")
    delayed("dce_DRO_data_extended_tofts.csv", "dce_DRO_data_extended_tofts_delay_5.csv", "C", "arterialdelay")
