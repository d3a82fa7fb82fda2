#!/usr/bin/env python3
"""Exact entropies and MI of skewed 2 × 2 tables, where a ratio near 1 inside a log loses
digits unless the difference from 1 is kept exact. 60-digit decimal arithmetic; writes
skewed_tables.json beside this script."""
import decimal
import json
import os

decimal.getcontext().prec = 60
D = decimal.Decimal
TABLES = [
    [[10**5, 1], [1, 1]],
    [[10**7, 1], [1, 1]],
    [[10**9, 5], [0, 7]],
    [[10**12, 1], [1, 1]],
    [[10**17, 3], [2, 5]],
    [[3 * 10**12, 10**12], [5 * 10**11, 2 * 10**12]],
    [[1, 10**15], [10**15, 1]],
]


def scores(cells):
    n = sum(map(sum, cells))
    rows = [sum(r) for r in cells]
    cols = [sum(r[j] for r in cells) for j in range(len(cells[0]))]
    ent = lambda sizes: sum(D(a) * (D(n) / a).ln() for a in sizes if a) / n
    mi = sum(D(c) * (D(n) * c / (D(rows[i]) * cols[j])).ln()
             for i, r in enumerate(cells) for j, c in enumerate(r) if c) / n
    hu, hv = ent(rows), ent(cols)
    return dict(cells=cells, entropy_true=format(hu, ".30e"), entropy_pred=format(hv, ".30e"),
                mutual_info=format(mi, ".30e"), nmi_arithmetic=format(mi / ((hu + hv) / 2), ".30e"))


here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "skewed_tables.json"), "w") as f:
    json.dump({"description": "Exact scores of skewed tables (60-digit decimals), made by skewed_tables.py.",
               "tables": [scores(t) for t in TABLES]}, f, indent=1)
