#!/usr/bin/env bash
# The linear mixed model (REML), Ferrum against lme4 and statsmodels on the same data sets (issue 18, Validation).
#   modules/benchmarks/scripts/lmm-peer.sh [OUT_DIR]      (from anywhere; default /tmp/lmm-peer)
# 1. builds the benchmarks jar (offline reactor build) and fits every data set listed in
#    modules/core/src/test/resources/org/ferrum/core/statistics/lmm/datasets.csv with Ferrum (MixedModelPeer);
# 2. installs the peers if missing (never by the build): R lme4 from Debian (apt-get install r-cran-lme4) and
#    statsmodels from the Python package index into a venv under OUT_DIR;
# 3. fits the same data with lmer(REML = TRUE) (lmm_peer.R) and MixedLM(...).fit(reml=True) (lmm_peer.py) and prints
#    the largest relative difference of beta, SE, G, sigma^2 and the REML log-likelihood per data set; exits 1 if one
#    exceeds 1e-6. The peers' outputs OUT_DIR/lme4.csv and statsmodels.csv are the recorded references
#    (peer-lme4.csv, peer-statsmodels.csv) that LinearMixedModelTest checks against.
set -euo pipefail
OUT="${1:-/tmp/lmm-peer}"
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
SCRIPTS="$ROOT/modules/benchmarks/scripts"
DATA="$ROOT/modules/core/src/test/resources/org/ferrum/core/statistics/lmm"
mkdir -p "$OUT"
cd "$ROOT"
mvn -o -q -pl modules/benchmarks -am package -DskipTests -Dspotless.check.skip=true
java -cp modules/benchmarks/target/benchmarks.jar org.ferrum.bench.MixedModelPeer fit "$DATA" "$OUT/ferrum.csv"

if ! Rscript -e 'suppressPackageStartupMessages(library(lme4))' > /dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        apt-get install -y -q r-cran-lme4 > "$OUT/apt-lme4.log" 2>&1 \
            || (apt-get update -q >> "$OUT/apt-lme4.log" 2>&1 && apt-get install -y -q r-cran-lme4 >> "$OUT/apt-lme4.log" 2>&1) \
            || echo "lme4 did not install: $(tail -1 "$OUT/apt-lme4.log")"
    else
        echo "lme4 is not installed and this is not root: sudo apt-get install r-cran-lme4"
    fi
fi
rm -f "$OUT/lme4.csv" "$OUT/statsmodels.csv"
if Rscript -e 'suppressPackageStartupMessages(library(lme4))' > /dev/null 2>&1; then
    Rscript "$SCRIPTS/lmm_peer.R" "$DATA" "$OUT/lme4.csv"
fi

VENV="$OUT/venv"
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv --system-site-packages "$VENV"
fi
FIT=""
if "$VENV/bin/python" -c "import statsmodels" 2>/dev/null || "$VENV/bin/pip" install -q statsmodels > "$OUT/pip.log" 2>&1; then
    FIT=fit
else
    echo "statsmodels did not install: $(grep -E 'ERROR|No matching' "$OUT/pip.log" | tail -1)"
fi
"$VENV/bin/python" "$SCRIPTS/lmm_peer.py" "$DATA" "$OUT" $FIT
