#!/usr/bin/env python3
"""Exact expected mutual information for the reference cases, as 40-digit decimals.

EMI = Σ_i Σ_j Σ_k P(k; N, a_i, b_j)·(k/N)·ln(N·k/(a_i·b_j)), with the hypergeometric P(k)
from exact binomials and the logs in 60-digit decimal arithmetic. Reads
../reference/cases.json, writes exact_emi.json beside this script. Only cases with at most
100,000 items, both labelings non-constant, and one side's clusters below 5,001 items are
included (the big integers grow with the cluster sizes).
"""
import collections
import decimal
import json
import math
import functools
import os

decimal.getcontext().prec = 60
here = os.path.dirname(os.path.abspath(__file__))


def expand(labels):
    if isinstance(labels, dict):
        return [v for v, c in labels["runs"] for _ in range(c)]
    return labels


@functools.lru_cache(maxsize=None)
def ln(x):
    return decimal.Decimal(x).ln()


def exact_emi(true, pred):
    n = len(true)
    a_sizes = collections.Counter(collections.Counter(map(repr, true)).values())
    b_sizes = collections.Counter(collections.Counter(map(repr, pred)).values())
    total = decimal.Decimal(0)
    for a, ma in a_sizes.items():
        for b, mb in b_sizes.items():
            # P(k) = C(a, k)·C(n − a, b − k) / C(n, b): exact integers, one 60-digit division.
            denominator = decimal.Decimal(math.comb(n, b))
            group = decimal.Decimal(0)
            for k in range(max(1, a + b - n), min(a, b) + 1):
                p = decimal.Decimal(math.comb(a, k) * math.comb(n - a, b - k)) / denominator
                group += p * k * (ln(n) + ln(k) - ln(a) - ln(b))
            total += group * ma * mb / n
    return total


cases = json.load(open(os.path.join(here, "..", "reference", "cases.json")))["cases"]
out = {}
for case in cases:
    t, p = expand(case["labels_true"]), expand(case["labels_pred"])
    if len(t) > 100000 or len(set(map(repr, t))) < 2 or len(set(map(repr, p))) < 2:
        continue
    # Binomials of clusters in the tens of thousands take hours in exact arithmetic.
    if max(collections.Counter(map(repr, t)).values()) > 5000 and max(collections.Counter(map(repr, p)).values()) > 5000:
        continue
    out[case["id"]] = format(exact_emi(t, p), ".40e")
with open(os.path.join(here, "exact_emi.json"), "w") as f:
    json.dump({"description": "Exact EMI (nats) of reference cases, 40 significant digits; "
               "made by exact_emi.py from ../reference/cases.json.", "emi": out}, f, indent=1)
print(len(out), "cases")
