#!/usr/bin/env bash
# Side-by-side comparison of MiFast and scikit-learn (not run in CI): installs Debian's
# python3-sklearn if missing, builds the C# runner, and writes perf-results/<cpu>/compare.{md,json}.
# Then splices compare.md into README's Performance section.
#   bench/compare.sh [--sklearn-budget SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
python=/usr/bin/python3
if ! "$python" -c 'import sklearn, numpy' 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-sklearn
fi
dotnet build bench/MiFast.Compare -c Release -o bench/MiFast.Compare/out >/dev/null
work=${MIFAST_COMPARE_WORK:-/tmp/mifast-compare}
# Debian's OpenBLAS tuning variables slow numpy down; they do not apply to this comparison.
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE MIFAST_SDK="$(dotnet --version)" \
  "$python" bench/compare.py --runner bench/MiFast.Compare/out/MiFast.Compare --work "$work" \
  --out perf-results "$@"
"$python" bench/update_readme.py
