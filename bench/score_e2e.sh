#!/usr/bin/env bash
# End-to-end benchmark of `mifast score` (issue 4; run by hand, not in CI): a 10^8-row .npy pair
# and a 10^7-row Parquet file, each timed against reading the same file alone (cat, and a
# reader-only pass through mifast's own readers). Writes perf-results/<cpu>/score-e2e.{md,json}.
#   bench/score_e2e.sh [--runs 3] [--npy-rows 1e8] [--parquet-rows 1e7] [--work /tmp/mifast-e2e]
# The generated files go under --work and are deleted afterwards (about 0.9 GB at the defaults).
set -euo pipefail
cd "$(dirname "$0")/.."
python=/usr/bin/python3
if ! "$python" -c 'import sklearn, numpy' 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-sklearn
fi
if [ ! -x /usr/bin/time ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time
fi
dotnet build src/MiFast.Cli -c Release >/dev/null
dotnet build bench/MiFast.ScoreE2E -c Release -o bench/MiFast.ScoreE2E/out >/dev/null
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE MIFAST_SDK="$(dotnet --version)" \
  "$python" bench/score_e2e.py --mifast src/MiFast.Cli/bin/Release/net10.0/mifast \
  --helper bench/MiFast.ScoreE2E/out/MiFast.ScoreE2E --out perf-results "$@"
