#!/usr/bin/python3
"""Writes classifier.csv: an imbalanced two-class problem with a classifier score and a
clustering, for the report and threshold tests. scikit-learn 1.2.1, fixed seeds.

Columns: label (0/1, about 20 % positive), score (logistic regression probability of 1,
fitted on the other half of the generated data), kmeans_k4 (KMeans cluster of the features).
"""
import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression

X, y = make_classification(n_samples=4000, n_features=6, n_informative=3, weights=[0.8, 0.2],
                           class_sep=1.5, flip_y=0.03, random_state=0)
fit, rest = slice(0, 2000), slice(2000, 4000)
model = LogisticRegression().fit(X[fit], y[fit])
score = model.predict_proba(X[rest])[:, 1]
clusters = KMeans(n_clusters=4, n_init=10, random_state=0).fit_predict(X[rest])
with open("classifier.csv", "w") as f:
    f.write("label,score,kmeans_k4\n")
    for label, s, c in zip(y[rest], score, clusters):
        f.write(f"{label},{float(s)!r},{c}\n")
