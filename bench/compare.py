#!/usr/bin/env python3
"""Side-by-side comparison of MiFast and scikit-learn on the same labelings.

Writes each labeling once as .npy, times scikit-learn here, has the C# runner time MiFast on the
same files, checks that the values agree, and renders perf-results/<cpu>/compare.{md,json}.
Run through bench/compare.sh, which installs what is missing and builds the runner.
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc

import numpy as np
import sklearn
from sklearn import metrics

SEED = 20261203

# Each labeling: labels_true uniform in [0, k1); labels_pred = labels_true mod k2 with
# probability 0.7, else uniform in [0, k2); k = 0 means every item its own label; "mod"
# gives i mod k1 against i mod k2.
DATASETS = {
    "1e7-100x100": dict(n=10**7, k1=100, k2=100),
    "1e8-100x100": dict(n=10**8, k1=100, k2=100),
    "1e7-unique": dict(n=10**7, k1=0, k2=0),
    "1e6-100x100": dict(n=10**6, k1=100, k2=100),
    "1e6-1000x1000": dict(n=10**6, k1=1000, k2=1000),
    "1e5-1e4x1e4": dict(n=10**5, k1=10**4, k2=10**4),
    "1e6-mod8000-mod7000": dict(n=10**6, k1=8000, k2=7000, mod=True),
    "1e6-100-vs-unique": dict(n=10**6, k1=100, k2=0),
}

# (workload, dataset, metric, time scikit-learn?) in report order.
ROWS = [
    ("MutualInfoScore, n = 10^7, K = 100×100", "1e7-100x100", "mutual_info_score", True),
    ("NMI, n = 10^7, K = 100×100", "1e7-100x100", "normalized_mutual_info_score", True),
    ("ARI, n = 10^7, K = 100×100", "1e7-100x100", "adjusted_rand_score", True),
    ("Compare (every score), n = 10^7, K = 100×100", "1e7-100x100", "compare", False),
    ("Compare without AMI (EMI not read), n = 10^7, K = 100×100", "1e7-100x100", "compare_without_ami", False),
    ("MutualInfoScore, n = 10^8, K = 100×100", "1e8-100x100", "mutual_info_score", False),
    ("Compare (every score), n = 10^8, K = 100×100", "1e8-100x100", "compare", False),
    ("Compare without AMI (EMI not read), n = 10^8, K = 100×100", "1e8-100x100", "compare_without_ami", False),
    ("MutualInfoScore, every item its own label, n = 10^7", "1e7-unique", "mutual_info_score", True),
    ("AMI, n = 10^6, K = 100×100", "1e6-100x100", "adjusted_mutual_info_score", True),
    ("AMI, n = 10^6, K = 1000×1000", "1e6-1000x1000", "adjusted_mutual_info_score", True),
    ("AMI, n = 10^5, K = 10^4×10^4", "1e5-1e4x1e4", "adjusted_mutual_info_score", True),
    ("AMI, n = 10^6, i mod 8000 vs i mod 7000", "1e6-mod8000-mod7000", "adjusted_mutual_info_score", True),
    ("AMI, every item its own cluster, n = 10^6, K1 = 100", "1e6-100-vs-unique", "adjusted_mutual_info_score", True),
]


# Rows where MiFast deliberately returns the exact value and scikit-learn rounding noise (README,
# Compatibility): AMI of a partition against every item in its own cluster is 0, as MI = EMI.
EXACT = {
    "1e6-100-vs-unique": {"adjusted_mutual_info_score": (0.0, "exact 0: MI = EMI")},
}


def generate(n, k1, k2, mod=False):
    rng = np.random.default_rng(SEED)
    if mod:
        i = np.arange(n, dtype=np.int64)
        return (i % k1).astype(np.int32), (i % k2).astype(np.int32)
    t = np.arange(n, dtype=np.int32) if k1 == 0 else rng.integers(0, k1, n, dtype=np.int32)
    if k2 == 0:
        return t, rng.permutation(n).astype(np.int32)
    keep = rng.random(n) < 0.7
    return t, np.where(keep, t % k2, rng.integers(0, k2, n, dtype=np.int32)).astype(np.int32)


def time_sklearn(metric, t, p, budget):
    fn = getattr(metrics, metric)
    times, value, peak = [], None, 0
    while True:
        tracemalloc.start()
        start = time.perf_counter()
        value = fn(t, p)
        times.append(time.perf_counter() - start)
        peak = max(peak, tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        # Three runs for a median, one where a run takes longer than the budget.
        if len(times) >= 3 or sum(times) > budget:
            break
    return dict(seconds=statistics.median(times), runs=len(times), value=float(value), peak_bytes=peak)


def cpu_name():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown-cpu"


def slug(text):
    out = "".join(c.lower() if c.isalnum() else "-" for c in text)
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")


def fmt_seconds(s):
    if s is None:
        return "—"
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"


def sklearn_key(dataset, metric):
    return f"{dataset}/{metric}"


def load_sklearn_cache(path, env):
    """Earlier scikit-learn timings, kept only when measured with the same versions and CPU."""
    try:
        with open(path) as f:
            cache = json.load(f)
    except (OSError, ValueError):
        return {}
    same = all(cache.get("environment", {}).get(k) == env[k] for k in ("cpu", "sklearn", "numpy"))
    return cache.get("results", {}) if same and cache.get("seed") == SEED else {}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runner", help="the built MiFast.Compare program")
    ap.add_argument("--work", required=True, help="folder for the .npy files")
    ap.add_argument("--out", required=True, help="perf-results folder")
    ap.add_argument("--sklearn-budget", type=float, default=10.0,
                    help="seconds after which scikit-learn runs a workload once only")
    ap.add_argument("--sklearn-only", action="store_true",
                    help="time scikit-learn only and keep the timings in WORK/sklearn.json")
    ap.add_argument("--reuse-sklearn", action="store_true",
                    help="reuse WORK/sklearn.json timings (same CPU, versions and seed) "
                         "instead of timing scikit-learn again")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    env = dict(cpu=cpu_name(), cores=os.cpu_count(), sklearn=sklearn.__version__,
               numpy=np.__version__, python=platform.python_version())

    # The labelings, written once; both sides read these files.
    manifest = []
    for name, spec in DATASETS.items():
        tpath, ppath = (os.path.join(args.work, f"{name}.{side}.npy") for side in ("true", "pred"))
        if not (os.path.exists(tpath) and os.path.exists(ppath)):
            t, p = generate(**spec)
            np.save(tpath, t)
            np.save(ppath, p)
        metrics_wanted = sorted({m for _, d, m, _ in ROWS if d == name})
        manifest.append(dict(dataset=name, true=tpath, pred=ppath, metrics=metrics_wanted, **spec))
    manifest_path = os.path.join(args.work, "manifest.json")
    with open(manifest_path, "w") as f:
        json.dump(manifest, f, indent=1)

    # MiFast first (it is quick, and uses every core), then scikit-learn on the same files.
    mifast = None
    if not args.sklearn_only:
        if not args.runner:
            ap.error("--runner is required unless --sklearn-only")
        mifast_path = os.path.join(args.work, "mifast.json")
        subprocess.run([args.runner, manifest_path, mifast_path], check=True)
        with open(mifast_path) as f:
            mifast = json.load(f)

    # scikit-learn, or its timings from an earlier run on this CPU with the same versions.
    cache_path = os.path.join(args.work, "sklearn.json")
    cache = load_sklearn_cache(cache_path, env) if (args.reuse_sklearn or args.sklearn_only) else {}
    loaded = {}
    for workload, dataset, metric, with_sklearn in ROWS:
        key = sklearn_key(dataset, metric)
        if not with_sklearn or key in cache:
            continue
        if dataset not in loaded:
            loaded.clear()
            entry = next(e for e in manifest if e["dataset"] == dataset)
            loaded[dataset] = (np.load(entry["true"]), np.load(entry["pred"]))
        t, p = loaded[dataset]
        print(f"scikit-learn: {workload} ...", file=sys.stderr, flush=True)
        cache[key] = dict(time_sklearn(metric, t, p, args.sklearn_budget),
                          measured=time.strftime("%Y-%m-%d %H:%M"))
        with open(cache_path, "w") as f:
            json.dump(dict(environment=env, seed=SEED, results=cache), f, indent=1)
    if args.sklearn_only:
        print(cache_path)
        return

    results = []
    for workload, dataset, metric, with_sklearn in ROWS:
        m = mifast["results"][dataset][metric]
        probe = mifast["results"][dataset]["memory_probe"]
        row = dict(workload=workload, dataset=dataset, metric=metric, mifast=m, probe_seconds=probe["seconds"])
        if with_sklearn:
            s = cache[sklearn_key(dataset, metric)]
            row["sklearn"] = s
            row["ratio"] = s["seconds"] / m["seconds"]
            diff = abs(s["value"] - m["value"])
            row["abs_diff"] = diff
            row["agree"] = diff <= 1e-9 * max(1.0, abs(s["value"]))
            exact = EXACT.get(dataset, {}).get(metric)
            if exact is not None:
                # A documented difference: MiFast returns the exact value, scikit-learn noise.
                row["exact"] = exact
                row["agree"] = m["value"] == exact[0] and abs(s["value"] - exact[0]) <= 1e-8
        results.append(row)

    env.update(
        sdk=mifast["environment"]["sdk"], runtime=mifast["environment"]["runtime"],
        vector_bits=mifast["environment"]["vector_bits"], workers=mifast["environment"]["workers"],
        commit=subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True).stdout.strip(),
        date=time.strftime("%Y-%m-%d"),
        sklearn_measured=sorted({r["sklearn"]["measured"][:10] for r in results
                                 if "sklearn" in r and "measured" in r["sklearn"]}),
    )
    folder = os.path.join(args.out, slug(env["cpu"]))
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "compare.json"), "w") as f:
        json.dump(dict(environment=env, results=results), f, indent=1)
    with open(os.path.join(folder, "compare.md"), "w") as f:
        f.write(render(env, results))
    print(os.path.join(folder, "compare.md"))


def render(env, results):
    lines = [
        f"Measured {env['date']} on {env['cpu']} ({env['cores']} cores), "
        f".NET {env['runtime'].removeprefix('.NET ')} "
        f"(SDK {env['sdk']}, {env['vector_bits']}-bit vectors, {env['workers']} workers), "
        f"scikit-learn {env['sklearn']} with numpy {env['numpy']} (Python {env['python']}), "
        f"commit {env['commit']}; scikit-learn timed {', '.join(env['sklearn_measured']) or env['date']}. "
        "Medians of 5 runs for MiFast (after 2 warm-up runs), of 3 for scikit-learn (1 where it takes "
        "over 10 s); "
        "every time includes building the contingency table from the labels.",
        "",
        "| workload | scikit-learn | MiFast | speed-up | MiFast ÷ memory probe | MiFast allocated | values agree |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        m = r["mifast"]
        s = r.get("sklearn")
        ratio = f"{r['ratio']:,.0f}×" if s else "—"
        agree = ("yes" if r["agree"] else f"NO (Δ {r['abs_diff']:.1e})") if s else "—"
        if s and "exact" in r and r["agree"]:
            agree = f"yes, {r['exact'][1]} (scikit-learn's noise: {s['value']:.1e})"
        probe = m["seconds"] / r["probe_seconds"] if r["probe_seconds"] > 0 else float("nan")
        mib = m["allocated_bytes"] / 2**20
        lines.append(f"| {r['workload']} | {fmt_seconds(s['seconds'] if s else None)} | "
                     f"{fmt_seconds(m['seconds'])} | {ratio} | {probe:.2f} | {mib:,.1f} MiB | {agree} |")
    # Compare against MutualInfoScore alone, per labeling.
    by = {(r["dataset"], r["metric"]): r["mifast"]["seconds"] for r in results}
    for dataset in sorted({d for d, _ in by}):
        mi = by.get((dataset, "mutual_info_score"))
        if mi and (dataset, "compare") in by:
            lines += ["", f"{dataset}: Compare ÷ MutualInfoScore = {by[(dataset, 'compare')] / mi:.2f} with AMI, "
                          f"{by.get((dataset, 'compare_without_ami'), float('nan')) / mi:.2f} without."]
    lines += [
        "",
        "The memory probe reads both label arrays once with vectors on every core: the least any "
        "algorithm must do. scikit-learn's peak traced memory per call is in compare.json.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
