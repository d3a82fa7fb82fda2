#!/usr/bin/env python3
"""Exact EMI group terms E[k·ln(N·k/(a·b))], k ~ Hypergeometric(N, a, b), at large N.

The cases of exact_emi.py stop at 10^5 items. These single (a, b, N) groups reach N = 10^9 and
means a·b/N up to 10^6, where the walk is long and the terms cancel most. Weights follow the
exact rational ratio P(k+1)/P(k) = (a−k)(b−k)/((k+1)(N−a−b+k+1)) from the mode, in 60-digit
decimals, until they fall below 10^-45 of the mode's; the logs are 60-digit too. Writes
exact_group_terms.json beside this script.
"""
import decimal
import json
import os

decimal.getcontext().prec = 60
D = decimal.Decimal
here = os.path.dirname(os.path.abspath(__file__))

GROUPS = [
    (100_000, 100_000, 10_000_000),
    (100_123, 99_877, 10_000_000),
    (1_000_000, 1_000_000, 100_000_000),
    (3_000_000, 5_000_000, 10_000_000),
    (9_999_000, 9_999_500, 10_000_000),
    (7, 1_000_000, 10_000_000),
    (1, 123_456, 1_000_000),
    (2, 2, 3),
    (40_000_000, 25_000_000, 1_000_000_000),
    (5_000, 6_000, 100_000),
    (999_999, 1_000_000, 1_000_000),
]


def group_term(a, b, n):
    low, high = max(0, a + b - n), min(a, b)
    mode = min(max((a + 1) * (b + 1) // (n + 2), low), high)
    cut = D(10) ** -45
    weights = {mode: D(1)}
    w, k = D(1), mode
    while k < high:
        w = w * (a - k) * (b - k) / ((k + 1) * (n - a - b + k + 1))
        k += 1
        weights[k] = w
        if w < cut:
            break
    w, k = D(1), mode
    while k > low:
        w = w * k * (n - a - b + k) / ((a - k + 1) * (b - k + 1))
        k -= 1
        weights[k] = w
        if w < cut:
            break
    total = sum(weights.values())
    term = sum(w * k * (D(n * k) / D(a * b)).ln() for k, w in weights.items() if k > 0)
    return term / total


out = [{"a": a, "b": b, "n": n, "term": format(group_term(a, b, n), ".40e")} for a, b, n in GROUPS]
with open(os.path.join(here, "exact_group_terms.json"), "w") as f:
    json.dump({"description": "Exact EMI group terms E[k ln(Nk/(ab))], 40 significant digits; "
               "made by exact_group_terms.py.", "groups": out}, f, indent=1)
print(len(out), "groups")
