using System.Numerics;

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
        double ab = (double)a * b, count = n;
        return ab / count < TabledMeanLimit
            ? Walk(a, b, n, low, high, new TabledCellLog(Math.Log(count / ab)))
            : Walk(a, b, n, low, high, new DirectCellLog(count / ab));
    }

    /// <summary>
    /// Below a mean μ = a·b/N of 256 the log is looked up: k·(ln k + ln(N/(a·b))). Its rounding
    /// costs about k·3·2^−53·ln(4096) ≈ 3e−15·μ absolute on a group term of order 1/2, so at
    /// most 1.5e−12 relative and far less in practice; larger means take one exact-argument
    /// log per k (1e−16·μ).
    /// </summary>
    private const double TabledMeanLimit = 256;

    /// <summary>The hypergeometric walk from the mode outwards, weights by ratio recurrence,
    /// stopped by the geometric tail bound (see the class remarks). The weights and counts are
    /// buffered so that the logs are taken a vector at a time.</summary>
    private static double Walk<TLog>(long a, long b, long n, long low, long high, TLog log)
        where TLog : struct, ICellLog
    {
        long mode = Math.Clamp((long)((Int128)(a + 1) * (b + 1) / ((Int128)n + 2)), low, high);
        Span<double> counts = stackalloc double[BatchSize];
        Span<double> weights = stackalloc double[BatchSize];
        int buffered = 0;
        double totalTerm = 0.0;

        // Up from the mode (w = 1 there).
        double weight = 1.0, totalWeight = 0.0;
        for (long k = mode; ; k++)
        {
            totalWeight += weight;
            if (k > 0) Buffer(k, weight, counts, weights, ref buffered, ref totalTerm, log);
            if (k == high) break;
            double ratio = (double)(a - k) * (b - k) / ((double)(k + 1) * (n - a - b + k + 1));
            if (ratio < 1 && weight * ratio / (1 - ratio) <= TailEpsilon * totalWeight) break;
            weight *= ratio;
        }

        // Down from the mode.
        weight = 1.0;
        for (long k = mode; k > low; k--)
        {
            double ratio = (double)k * (n - a - b + k) / ((double)(a - k + 1) * (b - k + 1));
            if (ratio < 1 && weight * ratio / (1 - ratio) <= TailEpsilon * totalWeight) break;
            weight *= ratio;
            totalWeight += weight;
            if (k > 1) Buffer(k - 1, weight, counts, weights, ref buffered, ref totalTerm, log);
        }

        totalTerm += log.WeightedTerms(counts[..buffered], weights[..buffered]);
        return totalTerm / totalWeight;
    }

    /// <summary>Adds (k, w) to the batch; a full batch is summed and emptied.</summary>
    private static void Buffer<TLog>(long k, double w, Span<double> counts, Span<double> weights,
        ref int buffered, ref double totalTerm, TLog log)
        where TLog : struct, ICellLog
    {
        counts[buffered] = k;
        weights[buffered++] = w;
        if (buffered < BatchSize) return;
        totalTerm += log.WeightedTerms(counts, weights);
        buffered = 0;
    }

    /// <summary>Logs are taken 64 counts at a time (1 KiB of stack for both buffers).</summary>
    private const int BatchSize = 64;

    /// <summary>Σ w·k·ln(N·k/(a·b)) over a batch of counts k and weights w.</summary>
    private interface ICellLog
    {
        double WeightedTerms(ReadOnlySpan<double> counts, ReadOnlySpan<double> weights);
    }

    /// <summary>k·ln((N/(a·b))·k), one exact-argument log per k, a vector of them at a time.</summary>
    private readonly struct DirectCellLog(double nOverAb) : ICellLog
    {
        public double WeightedTerms(ReadOnlySpan<double> counts, ReadOnlySpan<double> weights)
        {
            // Main loop: lanes of w·k·ln(c·k).
            var scale = new Vector<double>(nOverAb);
            Vector<double> lanes = Vector<double>.Zero;
            int i = 0;
            for (; i + Vector<double>.Count <= counts.Length; i += Vector<double>.Count)
            {
                var k = new Vector<double>(counts[i..]);
                lanes += new Vector<double>(weights[i..]) * k * Vector.Log(scale * k);
            }

            // Reduce, then the remainder.
            double sum = Vector.Sum(lanes);
            for (; i < counts.Length; i++) sum += weights[i] * counts[i] * Math.Log(nOverAb * counts[i]);
            return sum;
        }
    }

    /// <summary>k·(ln k + ln(N/(a·b))): ln k from <see cref="LogTable"/>.</summary>
    private readonly struct TabledCellLog(double logNOverAb) : ICellLog
    {
        public double WeightedTerms(ReadOnlySpan<double> counts, ReadOnlySpan<double> weights)
        {
            double sum = 0;
            for (int i = 0; i < counts.Length; i++)
            {
                sum += weights[i] * counts[i] * (LogTable.Log((long)counts[i]) + logNOverAb);
            }

            return sum;
        }
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
