"""Peak memory of `mifast score` streaming a large .npy pair and a large CSV (run by hand, not in CI).

Writes the files under --work (chunk by chunk, so numpy never holds them either), runs the built
`mifast` under /usr/bin/time -v, prints rows, wall time, peak resident set and the first scores,
then deletes the files. Needs about 8 bytes per .npy row pair and ~8 bytes per CSV row of disk.

    /usr/bin/python3 bench/stream_memory.py --npy-rows 1e9 --csv-rows 1e8 --work /tmp/mifast-stream
"""
import argparse
import json
import os
import re
import subprocess

import numpy as np


def labels(rng, m):
    # labels_true uniform in [0, 100); labels_pred = true mod 50 with probability 0.7, else uniform.
    a = rng.integers(0, 100, m, dtype=np.int32)
    b = np.where(rng.random(m) < 0.3, rng.integers(0, 50, m, dtype=np.int32), a % 50)
    return a, b


def write_npy(work, n):
    t = np.lib.format.open_memmap(f"{work}/truth.npy", mode="w+", dtype="<i4", shape=(n,))
    p = np.lib.format.open_memmap(f"{work}/pred.npy", mode="w+", dtype="<i4", shape=(n,))
    rng = np.random.default_rng(7)
    for s in range(0, n, 1 << 24):
        m = min(1 << 24, n - s)
        t[s:s + m], p[s:s + m] = labels(rng, m)
    t.flush()
    p.flush()
    del t, p


def write_csv(work, n):
    rng = np.random.default_rng(7)
    with open(f"{work}/big.csv", "w") as f:
        f.write("truth,pred\n")
        for s in range(0, n, 10**6):
            a, b = labels(rng, min(10**6, n - s))
            f.write("\n".join(f"c{x},k{y}" for x, y in zip(a.tolist(), b.tolist())) + "\n")


def measure(mifast, args):
    run = subprocess.run(["/usr/bin/time", "-v", mifast, "score", *args, "-f", "json"],
                         capture_output=True, text=True, check=True)
    wall = re.search(r"Elapsed \(wall clock\) time.*: (.+)", run.stderr).group(1)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr).group(1))
    row = json.loads(run.stdout)[0]
    return {"rows": row["n_samples"], "wall": wall, "peak_rss_mib": round(rss / 1024, 1),
            "mutual_info_score": row["mutual_info_score"]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--npy-rows", type=float, default=1e9)
    parser.add_argument("--csv-rows", type=float, default=1e8)
    parser.add_argument("--work", default="/tmp/mifast-stream")
    parser.add_argument("--mifast", default="src/MiFast.Cli/bin/Release/net10.0/mifast")
    a = parser.parse_args()
    os.makedirs(a.work, exist_ok=True)
    if a.npy_rows > 0:
        write_npy(a.work, int(a.npy_rows))
        print("npy", measure(a.mifast, ["--truth-file", f"{a.work}/truth.npy", "--pred-file", f"{a.work}/pred.npy"]))
        os.remove(f"{a.work}/truth.npy")
        os.remove(f"{a.work}/pred.npy")
    if a.csv_rows > 0:
        write_csv(a.work, int(a.csv_rows))
        print("csv", measure(a.mifast, [f"{a.work}/big.csv", "-t", "truth"]))
        os.remove(f"{a.work}/big.csv")


if __name__ == "__main__":
    main()
