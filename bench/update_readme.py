#!/usr/bin/env python3
"""Splices every perf-results/<cpu>/compare.md into README's Performance section."""
import glob
import os

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
readme_path = os.path.join(root, "README.md")
begin, end = "<!-- performance:begin -->", "<!-- performance:end -->"
parts = []
for path in sorted(glob.glob(os.path.join(root, "perf-results", "*", "compare.md"))):
    cpu = os.path.basename(os.path.dirname(path))
    with open(path) as f:
        parts.append(f"From `perf-results/{cpu}/compare.md`:\n\n{f.read().strip()}\n")
with open(readme_path) as f:
    readme = f.read()
head, rest = readme.split(begin, 1)
_, tail = rest.split(end, 1)
body = "\n".join(parts) if parts else "No results recorded yet.\n"
with open(readme_path, "w") as f:
    f.write(f"{head}{begin}\n{body}{end}{tail}")
