"""Writes the .npy fixtures of tests/data/npy with numpy (a writer other than MiFast's reader).

Run from this folder with /usr/bin/python3 (numpy 1.24.2). Each labeling of ../iris.csv,
../wine.csv and ../digits.csv is factorized to integer codes (np.unique(..., return_inverse=True)),
so every score equals the CSV's (scores depend on the partition, not on the label values).
"""
import csv
import gzip

import numpy as np


def columns(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    return header, [np.unique([r[c] for r in body], return_inverse=True)[1] for c in range(len(header))]


def save(name, array):
    np.save(name, array, allow_pickle=False)


# iris: the 2-D table (columns in the CSV's order) in every integer dtype and both byte orders,
# C and Fortran order.
_, iris = columns("../iris.csv")
table = np.stack(iris, axis=1)
for dtype in ["i1", "u1", "i2", "u2", "i4", "u4", "i8", "u8"]:
    for order in ["<", ">"]:
        for layout in ["C", "F"]:
            kind = "le" if order == "<" else "be"
            save(f"iris_{dtype}_{kind}_{layout}.npy", np.asarray(table, dtype=order + dtype, order=layout))
save("iris_f8_le_C.npy", table.astype("<f8"))
save("iris_f4_be_F.npy", np.asarray(table, dtype=">f4", order="F"))

# digits: one 1-D file per labeling, for --truth-file / --pred-file.
header, digits = columns("../digits.csv")
for name, values in zip(header, digits):
    save(f"digits_{name}.npy", values.astype("<i4"))

# Bool labels: iris species == setosa against kmeans_k3 == 0, and the same as text.
save("iris_bool.npy", np.stack([iris[0] == 0, iris[1] == 0], axis=1))

# Wide integers: negative values and u8 past 2^63 - 1 keep their identity.
big = np.array([0, 2**63 + 1, 2**64 - 1, 2**63 + 1, 5, 0], dtype="<u8")
neg = np.array([-(2**63), -1, -(2**63), 7, 7, -1], dtype=">i8")
save("wide_u8.npy", big)
save("wide_i8.npy", neg)

# Bad input.
save("float_half.npy", np.array([1.0, 2.5, 3.0]))
save("unicode.npy", np.array(["a", "b"]))
save("complex.npy", np.array([1 + 2j]))
save("three_d.npy", np.zeros((2, 2, 2), dtype="<i4"))
with open("truncated.npy", "wb") as f:
    np.save(f, np.arange(100, dtype="<i8"))
with open("truncated.npy", "r+b") as f:
    f.truncate(128 + 8 * 60)
with open("not_npy.npy", "wb") as f:
    f.write(b"label\n1\n2\n")

# Format versions 2 and 3 (4-byte header length), forced.
for version in [(2, 0), (3, 0)]:
    with open(f"iris_i4_le_C_v{version[0]}.npy", "wb") as f:
        np.lib.format.write_array(f, np.asarray(table, dtype="<i4"), version=version)
