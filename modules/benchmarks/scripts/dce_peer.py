#!/usr/bin/env python3
"""The Python side of dce-peer.sh: fits the curves DcePeerExport wrote with a Python peer and compares with Ferrum.

Peer: osipy or dcmri when installed (adapters below); otherwise SciPy least_squares ('trf', bounded) on the extended
Tofts model C = vp*cp + Ktrans*(cp conv exp(-kep t)), the convolution as numpy's discrete convolution on the uniform
frame grid (trapezoid weights), starts and bounds of the OSIPI suite (Ktrans 0.6 in 0-5 /min, ve 0.2 in 0-1,
vp 0.01 in 0-1). Time per voxel is process CPU time over all voxels (one thread).
"""
import sys, os, time
import numpy as np


def load(d):
    t = np.loadtxt(os.path.join(d, "times.txt"))
    cp = np.loadtxt(os.path.join(d, "aif.txt"))
    c = np.fromfile(os.path.join(d, "tissue.f32"), dtype="<f4").astype(float).reshape(-1, len(t))
    truth = np.loadtxt(os.path.join(d, "truth.csv"), delimiter=",", skiprows=1)
    ferrum = np.loadtxt(os.path.join(d, "ferrum.csv"), delimiter=",", skiprows=1)
    timing = dict(l.strip().split("=") for l in open(os.path.join(d, "ferrum-timing.txt")) if "=" in l)
    return t, cp, c, truth, ferrum, timing


def scipy_peer(t, cp, curves):
    from scipy.optimize import least_squares
    tm = t / 60.0
    dt = tm[1] - tm[0]

    def model(p):
        ktrans, ve, vp = p
        kep = ktrans / max(ve, 1e-6)
        irf = np.exp(-kep * tm)
        conv = np.convolve(cp, irf)[: len(t)] * dt
        conv -= 0.5 * dt * (cp * irf[0] + cp[0] * irf)  # trapezoid ends
        return vp * cp + ktrans * conv

    out = np.zeros((len(curves), 3))
    for i, c in enumerate(curves):
        r = least_squares(lambda p: model(p) - c, x0=[0.6, 0.2, 0.01], bounds=([0, 1e-3, 0], [5, 1, 1]), method="trf")
        out[i] = r.x
    return out


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else "/tmp/dce-peer"
    peer = sys.argv[2] if len(sys.argv) > 2 else "none"
    t, cp, curves, truth, ferrum, timing = load(d)
    if peer in ("osipy", "dcmri"):
        # An installed peer would be called here; it never installed on the machine this was written on (no access
        # to the Python package index), so no adapter was written blind: say so rather than guess its API.
        print(f"{peer} installed, but no adapter is written for it yet: using the SciPy peer")
    label = "SciPy least_squares (fallback: osipy/dcmri not installable)" if peer == "none" else "SciPy least_squares"
    c0 = time.process_time()
    fitted = scipy_peer(t, cp, curves)
    per_voxel = (time.process_time() - c0) / len(curves) * 1e6
    fcpu = float(timing["ferrum_cpu_us_per_voxel"])
    print(f"voxels {len(curves)}, frames {len(t)}")
    print(f"Ferrum  extended Tofts: {fcpu:.1f} us/voxel CPU (one thread), {float(timing['ferrum_wall_us_per_voxel']):.1f} us wall")
    print(f"Peer    {label}: {per_voxel:.1f} us/voxel CPU (one thread)")
    print(f"speed-up per voxel: {per_voxel / fcpu:.1f}x")
    for j, name in enumerate(["ktrans", "ve", "vp"]):
        diff = ferrum[:, j] - fitted[:, j]
        print(f"  {name:6s} Ferrum-peer: median |d| {np.median(np.abs(diff)):.2e}, 95th pct {np.percentile(np.abs(diff), 95):.2e};"
              f" |Ferrum-truth| median {np.median(np.abs(ferrum[:, j] - truth[:, j])):.2e},"
              f" |peer-truth| median {np.median(np.abs(fitted[:, j] - truth[:, j])):.2e}")


if __name__ == "__main__":
    main()
