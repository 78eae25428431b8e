# Makes t1_vfa_b1_sample.csv and t1_vfa_b1_two_fits.csv (OSIPI t1_prostate_data.csv format). Python 3, numpy, scipy.
import numpy as np
from scipy.optimize import curve_fit

rng = np.random.default_rng(1717)
fa = np.array([3, 6, 10, 20, 30.0])
tr = 20.0  # ms


def spgr(a_deg, m0, t1):
    a = np.radians(a_deg)
    e = np.exp(-tr / t1)
    return m0 * np.sin(a) * (1 - e) / (1 - np.cos(a) * e)


def lin(s, a_deg):
    a = np.radians(a_deg)
    slope, icpt = np.polyfit(s / np.tan(a), s / np.sin(a), 1)
    return -tr / np.log(slope), icpt / (1 - slope)


def nonlin(s, a_deg, start):
    p, _ = curve_fit(lambda a, m0, t1: spgr(a, m0, t1), a_deg, s, p0=[start[1], start[0]], maxfev=20000)
    return p[1], p[0]


rows = []
cases = [(1600, 7.5e7, 98.0), (1200, 6.0e7, 112.0), (2100, 8.1e7, 87.5), (900, 5.0e7, 104.0),
         (1450, 7.0e7, 100.0), (2500, 4.0e7, 93.0)]
for k, (t1, m0, b1) in enumerate(cases):
    s = spgr(fa * b1 / 100, m0, t1) * (1 + 0.004 * rng.standard_normal(fa.size))
    t1l, m0l = lin(s, fa)
    t1n, m0n = nonlin(s, fa, (t1l, m0l))
    t1lb, m0lb = lin(s, fa * b1 / 100)
    t1nb, m0nb = nonlin(s, fa * b1 / 100, (t1lb, m0lb))
    rows.append(f"Ferrum_voxel{k+1}_simulated,{'   '.join('%g' % a for a in fa)},{'  '.join(['20'] * fa.size)},"
                f"{'         '.join('%.2f' % v for v in s)},{b1:.4f},{t1l:.4f},{m0l:.2f},{t1n:.4f},{m0n:.2f},"
                f"{t1lb:.4f},{m0lb:.2f},{t1nb:.4f},{m0nb:.2f}")
with open("t1_vfa_b1_sample.csv", "w") as f:
    f.write("label,FA,TR,s,B1,T1 linear,s0 linear, T1 nonlinear, s0 nonlinear, T1 linear B1cor, s0 linear B1cor,"
            " T1 nonlinear B1cor, s0 nonlinear B1cor\n")
    f.write("\n".join(rows) + "\n")
with open("t1_vfa_b1_two_fits.csv", "w") as f:
    f.write("label,FA,TR,s,B1, T1 nonlinear, T1 nonlinear B1cor\n")
    for r in rows:
        c = r.split(",")
        f.write(",".join(c[:5] + [c[7], c[11]]) + "\n")
