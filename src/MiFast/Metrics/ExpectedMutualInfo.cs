namespace MiFast.Metrics;

/// <summary>
/// The expected mutual information of two random labelings with the table's marginals, under
/// the hypergeometric (permutation) model: the term adjusted MI subtracts.
/// </summary>
/// <remarks>
/// <para>Derivation. Fix the class sizes a_i and cluster sizes b_j and permute the items
/// uniformly. The count of cell (i, j) is then hypergeometric,
/// P(k) = C(a, k)·C(N − a, b − k) / C(N, b) on k ∈ [max(0, a + b − N), min(a, b)], and by
/// linearity of expectation</para>
/// <code>
///   EMI = Σ_i Σ_j Σ_k P(k; N, a_i, b_j) · (k / N) · ln(N·k / (a_i·b_j))
/// </code>
/// <para>The inner sum depends on (a_i, b_j) only, so it is computed once per pair of
/// distinct sizes and weighted by how many rows and columns have those sizes: every
/// all-singleton side collapses to one group.</para>
/// <para>Within a group no log-gamma is needed. Unnormalized weights start at w = 1 at the
/// mode and follow the ratio recurrence ρ(k) = P(k+1)/P(k) = (a−k)(b−k) / ((k+1)(N−a−b+k+1))
/// outwards; dividing by Σw (the pmf sums to 1) normalizes them. This avoids the cancellation
/// of lgamma values near N ln N that limits scikit-learn to about 1e-9 relative at N = 10^6.</para>
/// <para>Tail bound. The hypergeometric pmf is log-concave, so ρ(k) decreases in k. Past the
/// mode, where ρ(k) &lt; 1, the weights beyond k are bounded by a geometric series:
/// Σ_{j&gt;k} w_j ≤ w_k·ρ(k)/(1 − ρ(k)); below the mode likewise with σ(k) = w_{k−1}/w_k,
/// which decreases as k decreases. A walk stops when that bound is below 2^−64 of the weight
/// already summed, so the skipped probability mass is below 2^−64 and the skipped part of the
/// group's term below 2^−64·(min(a, b)/N)·ln N: far below the double's resolution of EMI.</para>
/// </remarks>
internal static class ExpectedMutualInfo
{
    private const double TailEpsilon = 1.0 / (1UL << 63) / 2;

    public static double Compute(ContingencyTable table)
    {
        long n = table.SampleCount;

        // A constant labeling has MI = 0 for every permutation.
        if (table.RowCount <= 1 || table.ColumnCount <= 1) return 0.0;

        (long[] rowSizes, long[] rowTimes) = DistinctWithMultiplicity(table.RowSums);
        (long[] columnSizes, long[] columnTimes) = DistinctWithMultiplicity(table.ColumnSums);

        // Sum the groups exactly, so that the transposed table gives the same double.
        var sum = new FixedPointSum(FixedPointSum.ScaleFor(n));
        for (int i = 0; i < rowSizes.Length; i++)
        {
            for (int j = 0; j < columnSizes.Length; j++)
            {
                double weight = (double)rowTimes[i] * columnTimes[j];
                sum.Add(weight * GroupTerm(rowSizes[i], columnSizes[j], n));
            }
        }

        return Math.Max(0.0, sum.ToDouble() / n);
    }

    /// <summary>E[k·ln(N·k/(a·b))] for k ~ Hypergeometric(N, a, b): N times one cell's share of EMI.</summary>
    internal static double GroupTerm(long a, long b, long n)
    {
        long low = Math.Max(0, a + b - n);
        long high = Math.Min(a, b);
        if (high < 1) return 0.0;

        double count = n;
        double ab = (double)a * b;
        long mode = Math.Clamp((long)(((Int128)(a + 1) * (b + 1)) / (n + 2)), low, high);

        // Walk up from the mode (w = 1 there).
        double weight = 1.0, totalWeight = 0.0, totalTerm = 0.0;
        for (long k = mode; ; k++)
        {
            totalWeight += weight;
            if (k > 0) totalTerm += weight * (k * Math.Log(count * k / ab));
            if (k == high) break;
            double ratio = (double)(a - k) * (b - k) / ((double)(k + 1) * (n - a - b + k + 1));
            if (ratio < 1 && weight * ratio / (1 - ratio) <= TailEpsilon * totalWeight) break;
            weight *= ratio;
        }

        // Walk down from the mode.
        weight = 1.0;
        for (long k = mode; k > low; k--)
        {
            double ratio = (double)k * (n - a - b + k) / ((double)(a - k + 1) * (b - k + 1));
            if (ratio < 1 && weight * ratio / (1 - ratio) <= TailEpsilon * totalWeight) break;
            weight *= ratio;
            totalWeight += weight;
            if (k > 1) totalTerm += weight * ((k - 1) * Math.Log(count * (k - 1) / ab));
        }

        return totalTerm / totalWeight;
    }

    private static (long[] Sizes, long[] Times) DistinctWithMultiplicity(ReadOnlySpan<long> sizes)
    {
        long[] sorted = sizes.ToArray();
        Array.Sort(sorted);
        var distinct = new List<long>();
        var times = new List<long>();
        foreach (long size in sorted)
        {
            if (distinct.Count > 0 && distinct[^1] == size)
            {
                times[^1]++;
                continue;
            }

            distinct.Add(size);
            times.Add(1);
        }

        return ([.. distinct], [.. times]);
    }
}
