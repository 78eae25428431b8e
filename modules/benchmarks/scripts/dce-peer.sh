#!/usr/bin/env bash
# Extended Tofts, Ferrum against a Python peer on the same data, one run (issue 17, Performance).
#   modules/benchmarks/scripts/dce-peer.sh [voxels]      (from the repository root; default 2000 voxels)
# 1. builds the benchmarks jar (offline reactor build) and runs DcePeerExport: writes the data set to /tmp/dce-peer
#    and fits it with Ferrum on one thread (time per voxel after a warm-up pass);
# 2. tries to install a Python peer into a venv under /tmp (never by the build): osipy, else dcmri;
# 3. runs dce_peer.py, which fits the same curves with the peer and prints times per voxel and parameter differences.
#    If neither osipy nor dcmri installs, it says why and fits with SciPy's least_squares on the same model and
#    bounds (the way the OSIPI code-collection contributions fit), labelled as such.
set -euo pipefail
VOXELS="${1:-2000}"
OUT=/tmp/dce-peer
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
mkdir -p "$OUT"
cd "$ROOT"
mvn -o -q -pl modules/benchmarks -am package -DskipTests -Dspotless.check.skip=true
java -cp modules/benchmarks/target/benchmarks.jar org.ferrum.bench.DcePeerExport "$OUT" "$VOXELS"

VENV="$OUT/venv"
PEER=none
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv --system-site-packages "$VENV"
fi
for pkg in osipy dcmri; do
    if "$VENV/bin/python" -c "import $pkg" 2>/dev/null; then PEER=$pkg; break; fi
    if "$VENV/bin/pip" install -q "$pkg" > "$OUT/pip-$pkg.log" 2>&1; then PEER=$pkg; break; fi
    echo "peer $pkg did not install: $(grep -E 'ERROR|Errno|No matching' "$OUT/pip-$pkg.log" | tail -1)"
done
"$VENV/bin/python" "$(dirname "$0")/dce_peer.py" "$OUT" "$PEER"
