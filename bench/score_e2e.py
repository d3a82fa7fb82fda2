#!/usr/bin/env python3
"""End-to-end timing of `mifast score` against reading its input alone (issue 4 acceptance).

Generates, under --work, a .npy pair (truth and pred, int32, K = 100, the generator and seed of
bench/compare.py) and a Parquet file of two int32 columns (truth, pred; the same generator,
written by bench/MiFast.ScoreE2E with the CLI's own Parquet.Net, row groups of 2^20 rows). Then,
with the files in the page cache (one untimed read first), times the median of --runs runs of:

  start-up `mifast --version`: the process alone (part of every time below)
  cat      `cat FILES > /dev/null`: the bytes alone
  reader   bench/MiFast.ScoreE2E read: the same files through mifast's readers, chunk by chunk,
           with no counting (a process of its own, so it includes .NET start-up as mifast does)
  score    `mifast score ... -f json`: reading, counting and every score

each under /usr/bin/time -v for the peak resident set, and writes perf-results/<cpu>/score-e2e.{md,json}
with the ratios score ÷ cat and score ÷ reader. Deletes the files at the end.
Run through bench/score_e2e.sh, which builds both programs.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare import SEED, cpu_name, generate, slug  # noqa: E402  (same generator, seed, CPU slug)


def timed(cmd, shell=False):
    """Wall seconds, peak RSS (MiB) and stdout of one run under /usr/bin/time -v."""
    full = ["/usr/bin/time", "-v", *cmd] if not shell else ["/usr/bin/time", "-v", "sh", "-c", cmd]
    start = time.perf_counter()
    run = subprocess.run(full, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if run.returncode != 0:
        sys.exit(f"failed ({run.returncode}): {' '.join(full)}\n{run.stderr}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr).group(1))
    return wall, rss / 1024, run.stdout


def measure(cmd, runs, shell=False):
    walls, rss, out = [], [], ""
    for _ in range(runs):
        w, r, out = timed(cmd, shell)
        walls.append(w)
        rss.append(r)
    return dict(seconds=statistics.median(walls), runs=walls, peak_rss_mib=max(rss)), out


def power(n):
    digits = str(n)
    return f"10^{len(digits) - 1}" if digits.strip("0") == "1" else f"{n:,}"


def fmt(s):
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mifast", required=True)
    ap.add_argument("--helper", required=True)
    ap.add_argument("--out", required=True, help="perf-results folder")
    ap.add_argument("--work", default="/tmp/mifast-e2e")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--npy-rows", type=float, default=1e8)
    ap.add_argument("--parquet-rows", type=float, default=1e7)
    ap.add_argument("--keep", action="store_true", help="keep the generated files")
    args = ap.parse_args()
    npy_rows, pq_rows = int(args.npy_rows), int(args.parquet_rows)
    os.makedirs(args.work, exist_ok=True)
    w = args.work
    try:
        print(f"writing {npy_rows:,}-row .npy pair and {pq_rows:,}-row Parquet under {w} ...",
              file=sys.stderr, flush=True)
        t, p = generate(npy_rows, 100, 100)
        np.save(f"{w}/t.npy", t)
        np.save(f"{w}/p.npy", p)
        del t, p
        t, p = generate(pq_rows, 100, 100)
        np.save(f"{w}/pq_t.npy", t)
        np.save(f"{w}/pq_p.npy", p)
        del t, p
        subprocess.run([args.helper, "to-parquet", f"{w}/pq_t.npy", f"{w}/pq_p.npy", f"{w}/file.parquet",
                        str(1 << 20)], check=True)
        os.remove(f"{w}/pq_t.npy")
        os.remove(f"{w}/pq_p.npy")

        cases = [
            dict(name="npy", title=f".npy pair, n = {power(npy_rows)} (int32, K = 100)",
                 files=[f"{w}/t.npy", f"{w}/p.npy"], rows=npy_rows,
                 score=[args.mifast, "score", "--truth-file", f"{w}/t.npy", "--pred-file", f"{w}/p.npy",
                        "-f", "json"],
                 reader=[args.helper, "read-pair", f"{w}/t.npy", f"{w}/p.npy"]),
            dict(name="parquet", title=f"Parquet, n = {power(pq_rows)} (two int32 columns, K = 100)",
                 files=[f"{w}/file.parquet"], rows=pq_rows,
                 score=[args.mifast, "score", f"{w}/file.parquet", "-t", "truth", "-p", "pred", "-f", "json"],
                 reader=[args.helper, "read", f"{w}/file.parquet", "truth", "pred"]),
        ]
        results = []
        startup, _ = measure([args.mifast, "--version"], args.runs)
        for case in cases:
            print(f"timing {case['title']} ...", file=sys.stderr, flush=True)
            cat = "cat " + " ".join(case["files"]) + " > /dev/null"
            timed(cat, shell=True)  # warm the page cache
            cat_m, _ = measure(cat, args.runs, shell=True)
            reader_m, out = measure(case["reader"], args.runs)
            if int(out.strip()) != case["rows"] * len(case["files"]):
                sys.exit(f"reader read {out.strip()} rows, expected {case['rows']} per file")
            score_m, out = measure(case["score"], args.runs)
            row = json.loads(out)[0]
            if row["n_samples"] != case["rows"]:
                sys.exit(f"score counted {row['n_samples']} rows, expected {case['rows']}")
            size = sum(os.path.getsize(f) for f in case["files"])
            results.append(dict(
                name=case["name"], title=case["title"], rows=case["rows"], bytes=size,
                score_command=" ".join(os.path.basename(a) if a.startswith(w) else a
                                       for a in case["score"][1:]),
                cat=cat_m, reader=reader_m, score=score_m,
                score_over_cat=score_m["seconds"] / cat_m["seconds"],
                score_over_reader=score_m["seconds"] / reader_m["seconds"],
                mutual_info_score=row["mutual_info_score"],
                adjusted_mutual_info_score=row["adjusted_mutual_info_score"]))
    finally:
        if not args.keep:
            shutil.rmtree(w, ignore_errors=True)

    env = dict(
        cpu=cpu_name(), cores=os.cpu_count(), sdk=os.environ.get("MIFAST_SDK", "?"),
        runtime=subprocess.run(["dotnet", "--list-runtimes"], capture_output=True, text=True).stdout
        .split("Microsoft.NETCore.App ")[-1].split(" ")[0],
        commit=subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True).stdout.strip(),
        dirty=bool(subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                                  capture_output=True, text=True).stdout.strip()),
        date=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        load_average=os.getloadavg(), seed=SEED, runs=args.runs,
        parquet_row_group_rows=1 << 20, numpy=np.__version__, mifast_startup=startup)
    folder = os.path.join(args.out, slug(env["cpu"]))
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "score-e2e.json"), "w") as f:
        json.dump(dict(environment=env, results=results), f, indent=1)
    with open(os.path.join(folder, "score-e2e.md"), "w") as f:
        f.write(render(env, results))
    print(os.path.join(folder, "score-e2e.md"))


def render(env, results):
    dirty = " (with uncommitted changes)" if env["dirty"] else ""
    load = ", ".join(f"{x:.2f}" for x in env["load_average"])
    lines = [
        f"Measured {env['date']} on {env['cpu']} ({env['cores']} cores), .NET {env['runtime']} "
        f"(SDK {env['sdk']}), commit {env['commit']}{dirty}; load average at the end {load}. "
        f"Wall time of whole processes (start-up included), median of {env['runs']} runs, files in the "
        "page cache; peak resident set by `/usr/bin/time -v` (the largest of the runs).",
        "",
        f"Start-up alone (`mifast --version`): {fmt(env['mifast_startup']['seconds'])}, in every time below.",
        "",
        "| input | size | cat (bytes alone) | reader only | `mifast score` | score ÷ cat | score ÷ reader "
        "| peak RSS: reader | peak RSS: score |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['title']} | {r['bytes'] / 2**20:,.0f} MiB | {fmt(r['cat']['seconds'])} | "
            f"{fmt(r['reader']['seconds'])} | {fmt(r['score']['seconds'])} | {r['score_over_cat']:.2f} | "
            f"{r['score_over_reader']:.2f} | {r['reader']['peak_rss_mib']:.0f} MiB | "
            f"{r['score']['peak_rss_mib']:.0f} MiB |")
    lines += [
        "",
        "Commands: " + "; ".join(f"`mifast {r['score_command']}`" for r in results) + ". "
        "*reader only* is `bench/MiFast.ScoreE2E read` / `read-pair`: the same files opened and read chunk by "
        "chunk through mifast's own readers (`LabelFiles.Open`, the default chunk of 2^20 rows for `.npy`, a "
        "row group of 2^20 rows for Parquet), with no counting and no scoring. "
        "The labelings are those of bench/compare.py (labels_true uniform in [0, 100); labels_pred = "
        "labels_true mod 100 with probability 0.7, else uniform), seed "
        f"{env['seed']}; the Parquet file is written by Parquet.Net with its default settings (int32 columns).",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
