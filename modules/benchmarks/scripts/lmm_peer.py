#!/usr/bin/env python3
"""The statsmodels side of lmm-peer.sh, and the comparison of Ferrum with every peer that ran.

  lmm_peer.py DATA_DIR OUT_DIR [fit]     fit = also fit with statsmodels MixedLM (writes OUT_DIR/statsmodels.csv)

Model: MixedLM.from_formula("y ~ years + covariates", groups="subject", re_formula="~years" (or "1"))
.fit(reml=True), tightened (BFGS, gtol 1e-10) so that the peer's convergence does not limit a 1e-6 comparison.
statsmodels' own bse_fe come from its full observed information (fixed-effect/covariance cross terms included) and
differ from the GLS standard errors for unbalanced data; they are written as full_information_se:NAME and not compared,
and se:NAME is taken from the fixed-effect block of statsmodels' Hessian (see fit_statsmodels).
Comparison: for each figure, |Ferrum - peer| / scale with scale = |peer| for SEs, variances and the log-likelihood,
max(|beta|, SE of beta) for a fixed effect (a coefficient near zero is judged on the scale of its uncertainty) and
sqrt(G11*G22) for the covariance G12. Prints the largest difference per data set and peer; exit status 1 if any
exceeds 1e-6.
"""
import csv
import math
import os
import sys
import warnings


def fit_statsmodels(data_dir, out):
    import numpy as np
    import pandas as pd
    import statsmodels
    import statsmodels.formula.api as smf

    rows = []
    with open(os.path.join(data_dir, "datasets.csv")) as f:
        manifest = list(csv.DictReader(f))
    for entry in manifest:
        name = entry["file"].removesuffix(".csv")
        d = pd.read_csv(os.path.join(data_dir, entry["file"]))
        covs = [c for c in d.columns if c not in ("subject", "years", "y")]
        slope = entry["random"] == "intercept+years"
        model = smf.mixedlm("y ~ " + " + ".join(["years"] + covs), d, groups=d["subject"],
                            re_formula="~years" if slope else "1")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            r = model.fit(reml=True, method=["bfgs"], gtol=1e-10, maxiter=10000)
        names = ["intercept", "years"] + covs
        # statsmodels' bse_fe invert its whole observed information, fixed-effect/covariance cross terms included;
        # the GLS covariance sigma2 (X'V^-1 X)^-1 that lme4 and Ferrum report is the inverse of the fixed-effect
        # block of the same Hessian (statsmodels' hess_fe = -(n-p) X'V^-1 X / r'V^-1 r under REML).
        hess, _ = model.hessian(r.params_object)
        p = len(names)
        gls = np.linalg.inv(-hess[:p, :p])
        for j, n in enumerate(names):
            rows.append((name, "beta:" + n, r.fe_params.iloc[j]))
            rows.append((name, "se:" + n, math.sqrt(gls[j, j])))
            rows.append((name, "full_information_se:" + n, r.bse_fe.iloc[j]))
        g = r.cov_re.values
        rows.append((name, "G11", g[0, 0]))
        if slope:
            rows.append((name, "G12", g[0, 1]))
            rows.append((name, "G22", g[1, 1]))
        rows.append((name, "sigma2", r.scale))
        # a fit that stopped early, or left the positive semi-definite G (|correlation| > 1, which statsmodels'
        # optimisers can reach at a boundary), is no reference: flagged and left out of the comparison
        feasible = not slope or g[0, 1] ** 2 <= g[0, 0] * g[1, 1] * (1 + 1e-12)
        rows.append((name, "peer_usable", 1.0 if (r.converged and feasible) else 0.0))
        rows.append((name, "reml_loglik", r.llf))
        notes = "; ".join(sorted({str(w.message).split("\n")[0][:60] for w in caught}))
        print(f"{name:18s} statsmodels {statsmodels.__version__}  converged={r.converged}  {notes}")
    with open(out, "w") as f:
        f.write("dataset,quantity,value\n")
        for ds, q, v in rows:
            f.write(f"{ds},{q},{float(v)!r}\n")


def load(path):
    out = {}
    with open(path) as f:
        for row in csv.DictReader(f):
            out[(row["dataset"], row["quantity"])] = float(row["value"])
    return out


def scale(peer, ds, q):
    v = abs(peer[(ds, q)])
    if q.startswith("beta:"):
        return max(v, peer[(ds, "se:" + q[5:])])
    if q == "G12":
        return math.sqrt(abs(peer[(ds, "G11")] * peer[(ds, "G22")]))
    return v


def compare(ferrum, peer, label):
    worst_all = 0.0
    for ds in sorted({k[0] for k in peer}):
        if peer.get((ds, "peer_usable"), 1.0) == 0.0:
            print(f"  {label:12s} {ds:14s} not compared: the peer's fit did not converge or left the PSD cone"
                  f" (its REML log-likelihood {peer[(ds, 'reml_loglik')]:.9f}, Ferrum's {ferrum[(ds, 'reml_loglik')]:.9f})")
            continue
        worst, where = 0.0, ""
        for (d, q), v in peer.items():
            if d != ds or q.startswith("full_information_se:") or q == "peer_usable":
                continue
            if (d, q) not in ferrum:
                print(f"  {label}: {ds} {q} missing from Ferrum's output")
                worst = math.inf
                continue
            s = scale(peer, d, q)
            rel = abs(ferrum[(d, q)] - v) / s if s > 0 else abs(ferrum[(d, q)] - v)
            if rel > worst:
                worst, where = rel, q
        print(f"  {label:12s} {ds:14s} largest relative difference {worst:.1e} ({where}); slope"
              f" {ferrum[(ds, 'beta:years')]:.9g} SE {ferrum[(ds, 'se:years')]:.9g},"
              f" peer {peer[(ds, 'beta:years')]:.9g} SE {peer[(ds, 'se:years')]:.9g}")
        worst_all = max(worst_all, worst)
    return worst_all


def main():
    data_dir, out_dir = sys.argv[1], sys.argv[2]
    if len(sys.argv) > 3 and sys.argv[3] == "fit":
        fit_statsmodels(data_dir, os.path.join(out_dir, "statsmodels.csv"))
    ferrum = load(os.path.join(out_dir, "ferrum.csv"))
    worst = 0.0
    compared = 0
    for peer in ("lme4", "statsmodels"):
        path = os.path.join(out_dir, peer + ".csv")
        if os.path.exists(path):
            worst = max(worst, compare(ferrum, load(path), peer))
            compared += 1
    if compared == 0:
        print("no peer output to compare with")
        sys.exit(1)
    print(f"largest relative difference over all peers and data sets: {worst:.1e} (tolerance 1e-6)")
    sys.exit(0 if worst <= 1e-6 else 1)


if __name__ == "__main__":
    main()
