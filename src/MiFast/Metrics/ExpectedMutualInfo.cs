using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

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
/// <para>Vectorized walk. The walk goes four counts at a time: the four ratios come from one
/// vector division, their prefix products from two shuffles, so the only serial dependency
/// is one multiply per four counts. Past the support the ratio's numerator is exactly 0
/// (k = min(a, b) going up, k = max(0, a + b − N) going down), so the lanes beyond it get
/// weight 0 and need no masking.</para>
/// <para>Terms without cancellation. With μ = a·b/N and d = k/μ − 1, the mean of k is
/// exactly μ, so E[k·ln(k/μ)] = E[g(k)] with g(k) = k·ln(k/μ) − (k − μ) = μ·h(d) and
/// h(d) = (1 + d)·log1p(d) − d ≥ 0. The terms k·ln(k/μ) have both signs and cancel by a
/// factor of up to μ/σ²·σ (10^3 at μ = 10^6, 10^9 when a and b are nearly N), while the
/// terms of g are all non-negative, so their sum keeps the terms' relative accuracy. Near
/// d = 0, h is summed as a series in s = d/(2 + d) (see RelativeEntropyTerm), which needs no log.
/// d = (N·k − a·b)/(a·b) has an exact integer numerator (64 or 128 bits), rounded once.</para>
/// <para>Groups are spread over threads by row; each group's term is added to an
/// order-independent fixed-point sum, so the thread count cannot change a bit.</para>
/// </remarks>
internal static class ExpectedMutualInfo
{
    private const double TailEpsilon = 1.0 / (1UL << 63) / 2;

    /// <summary>Below this many (row size, column size) groups one thread does the walk.</summary>
    private const int ParallelGroups = 64;

    public static double Compute(ContingencyTable table) => Compute(table, workers: 0);

    /// <summary>As <see cref="Compute(ContingencyTable)"/> with the worker count forced
    /// (0: by the work and the cores), so tests can show that it does not change the result.</summary>
    internal static double Compute(ContingencyTable table, int workers)
    {
        long n = table.SampleCount;

        // A constant labeling has MI = 0 for every permutation.
        if (table.RowCount <= 1 || table.ColumnCount <= 1) return 0.0;

        (long[] rowSizes, long[] rowTimes) = table.SingletonRows ? ([1], [n])
            : DistinctWithMultiplicity(table.RowSums);
        (long[] columnSizes, long[] columnTimes) = table.SingletonColumns ? ([1], [n])
            : DistinctWithMultiplicity(table.ColumnSums);
        int scale = FixedPointSum.ScaleFor(n);
        if (workers <= 0)
        {
            workers = (long)rowSizes.Length * columnSizes.Length < ParallelGroups ? 1
                : Math.Min(Environment.ProcessorCount, rowSizes.Length);
        }

        // Each row of groups into a fixed-point sum: exact, so rows may go to any thread.
        Int128 total = 0;
        if (workers == 1)
        {
            for (int i = 0; i < rowSizes.Length; i++)
            {
                total += RowOfGroups(rowSizes[i], rowTimes[i], columnSizes, columnTimes, n, scale);
            }
        }
        else
        {
            var partial = new Int128[rowSizes.Length];
            var options = new ParallelOptions { MaxDegreeOfParallelism = workers };
            Parallel.For(0, rowSizes.Length, options, i =>
                partial[i] = RowOfGroups(rowSizes[i], rowTimes[i], columnSizes, columnTimes, n, scale));
            foreach (Int128 row in partial) total += row;
        }

        return Math.Max(0.0, FixedPointSum.ToDouble(total, scale) / n);
    }

    /// <summary>The fixed-point sum of one row size's groups, weighted by multiplicity.</summary>
    private static Int128 RowOfGroups(long a, long aTimes, long[] columnSizes, long[] columnTimes,
        long n, int scale)
    {
        var sum = new FixedPointSum(scale);
        for (int j = 0; j < columnSizes.Length; j++)
        {
            sum.Add((double)aTimes * columnTimes[j] * GroupTerm(a, columnSizes[j], n));
        }

        return sum.Raw;
    }

    /// <summary>E[k·ln(N·k/(a·b))] for k ~ Hypergeometric(N, a, b): N times one cell's share of EMI.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double GroupTerm(long a, long b, long n)
    {
        long low = Math.Max(0, a + b - n);
        long high = Math.Min(a, b);
        if (high < 1) return 0.0;
        long mode = Math.Clamp((long)((Int128)(a + 1) * (b + 1) / ((Int128)n + 2)), low, high);
        Int128 ab = (Int128)a * b;
        double inverseAb = 1.0 / (double)ab, rest = (double)(n - a - b), count = n;
        Vector256<double> lanes = Vector256.Create(0.0, 1.0, 2.0, 3.0);
        Vector256<double> ad = Vector256.Create((double)a), bd = Vector256.Create((double)b);
        Vector256<double> one = Vector256<double>.One;
        Vector256<double> termSum = Vector256<double>.Zero, weightSum = Vector256<double>.Zero;
        double total = 0.0;

        // Up from the mode (w = 1 there), four counts per step.
        double weight = 1.0;
        for (long k0 = mode; k0 <= high; k0 += 4)
        {
            // Ratios ρ(k) = w(k+1)/w(k) for the four counts; their prefix products weigh them.
            Vector256<double> k = Vector256.Create((double)k0) + lanes;
            Vector256<double> ratio = (ad - k) * (bd - k) / ((k + one) * (Vector256.Create(rest) + k + one));
            Vector256<double> upTo = InclusiveProduct(ratio);
            Vector256<double> w = Vector256.Create(weight) * ShiftInOne(upTo);
            weight *= upTo.GetElement(3);

            // Terms w·h(d), d exact to one rounding (see the remarks).
            (termSum, weightSum) = Accumulate(k, w, Deviations(k0, n, ab, count, inverseAb),
                termSum, weightSum);
            total += Vector256.Sum(w);

            // Stop when the geometric bound on what lies beyond the last count is negligible.
            double last = ratio.GetElement(3), lastWeight = w.GetElement(3);
            if (last < 1 && lastWeight * last / (1 - last) <= TailEpsilon * total) break;
        }

        // Down from the mode: σ(k) = w(k−1)/w(k), four counts below the previous ones per step.
        weight = 1.0;
        for (long k0 = mode - 1; k0 >= low; k0 -= 4)
        {
            Vector256<double> above = Vector256.Create((double)(k0 + 1)) - lanes;
            Vector256<double> ratio = above * (Vector256.Create(rest) + above)
                / ((ad - above + one) * (bd - above + one));
            Vector256<double> downTo = InclusiveProduct(ratio);
            Vector256<double> w = Vector256.Create(weight) * downTo;
            weight = w.GetElement(3);

            Vector256<double> k = above - one;
            (termSum, weightSum) = Accumulate(k, w, Deviations(k0, n, ab, count, inverseAb, down: true),
                termSum, weightSum);
            total += Vector256.Sum(w);

            double last = ratio.GetElement(3);
            if (last < 1 && weight * last / (1 - last) <= TailEpsilon * total) break;
        }

        return (double)ab / n * (Vector256.Sum(termSum) / Vector256.Sum(weightSum));
    }

    /// <summary>(x0, x0·x1, x0·x1·x2, x0·x1·x2·x3) in two shuffle-multiply steps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> InclusiveProduct(Vector256<double> x)
    {
        x *= ShiftInOne(x);
        return x * Vector256.ConditionalSelect(Vector256.Create(-1L, -1, 0, 0).AsDouble(), Vector256<double>.One,
            Vector256.Shuffle(x, Vector256.Create(0L, 0, 0, 1)));
    }

    /// <summary>(1, x0, x1, x2): the exclusive prefix from the inclusive one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> ShiftInOne(Vector256<double> x) =>
        Vector256.ConditionalSelect(Vector256.Create(-1L, 0, 0, 0).AsDouble(), Vector256<double>.One,
            Vector256.Shuffle(x, Vector256.Create(0L, 0, 1, 2)));

    /// <summary>d = (N·k − a·b)/(a·b) for k = k0 + (0, 1, 2, 3), or k0 − (0, 1, 2, 3) going down:
    /// N·k0 − a·b exactly in 64 or 128 bits, rounded once; the lane steps ±N are exact below 2^51.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Deviations(long k0, long n, Int128 ab, double count, double inverseAb,
        bool down = false)
    {
        double first = ab <= long.MaxValue / 2 && n <= int.MaxValue
            ? (double)(k0 * n - (long)ab)
            : (double)((Int128)k0 * n - ab);
        Vector256<double> steps = Vector256.Create(0.0, count, 2 * count, 3 * count);
        Vector256<double> numerator = down ? Vector256.Create(first) - steps : Vector256.Create(first) + steps;
        return numerator * Vector256.Create(inverseAb);
    }

    /// <summary>Adds w·h(d) and w for the counts k ≥ 0; lanes below 0 (weight 0, past the
    /// support) add nothing, and k = 0 has h(−1) = 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<double> Terms, Vector256<double> Weights) Accumulate(Vector256<double> k,
        Vector256<double> w, Vector256<double> d, Vector256<double> terms, Vector256<double> weights)
    {
        Vector256<double> inSupport = Vector256.GreaterThanOrEqual(k, Vector256<double>.Zero);
        Vector256<double> h = Vector256.ConditionalSelect(Vector256.Equals(k, Vector256<double>.Zero),
            Vector256<double>.One, RelativeEntropyTerm(d));
        return (terms + Vector256.ConditionalSelect(inSupport, w * h, Vector256<double>.Zero),
            weights + Vector256.ConditionalSelect(inSupport, w, Vector256<double>.Zero));
    }

    /// <summary>|s| = |d/(2 + d)| below 1/7 (−1/4 &lt; d &lt; 1/3) takes the series of h; beyond
    /// it the closed form loses at most a factor 8 to cancellation (a few 1e−16 relative).</summary>
    private const double SeriesLimit = 1.0 / 7;

    /// <summary>
    /// h(d) = (1 + d)·log1p(d) − d ≥ 0. Near 0 (the whole walk of a large mean) without a log:
    /// with s = d/(2 + d), log1p(d) = 2·atanh(s) = 2(s + s³/3 + s⁵/5 + …), and since
    /// (1 + d)·2s − d = d·s exactly,
    /// <code>
    ///   h(d) = d·s + 2(1 + d)·s³·(1/3 + s²/5 + s⁴/7 + … + s^18/21)
    /// </code>
    /// Both parts have the sign of d² and of d·s³ (the second at most a twentieth of the first),
    /// so nothing cancels; ten terms in s² &lt; 1/49 leave 49^−10·3/23 ≈ 2e−18 of the bracket.
    /// Farther out the closed form, one log per lane.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> RelativeEntropyTerm(Vector256<double> d)
    {
        Vector256<double> one = Vector256<double>.One;
        Vector256<double> s = d / (Vector256.Create(2.0) + d);
        Vector256<double> near = Vector256.LessThan(Vector256.Abs(s), Vector256.Create(SeriesLimit));

        // Every lane far from 0 (the tails of small means): the closed form alone.
        if (Vector256.EqualsAll(near, Vector256<double>.Zero)) return (one + d) * Log1P(d) - d;

        // The series by Horner in s².
        Vector256<double> s2 = s * s;
        Vector256<double> bracket = Vector256.Create(1.0 / 21);
        bracket = Vector256.FusedMultiplyAdd(bracket, s2, Vector256.Create(1.0 / 19));
        bracket = Vector256.FusedMultiplyAdd(bracket, s2, Vector256.Create(1.0 / 17));
        bracket = Vector256.FusedMultiplyAdd(bracket, s2, Vector256.Create(1.0 / 15));
        bracket = Vector256.FusedMultiplyAdd(bracket, s2, Vector256.Create(1.0 / 13));
        bracket = Vector256.FusedMultiplyAdd(bracket, s2, Vector256.Create(1.0 / 11));
        bracket = Vector256.FusedMultiplyAdd(bracket, s2, Vector256.Create(1.0 / 9));
        bracket = Vector256.FusedMultiplyAdd(bracket, s2, Vector256.Create(1.0 / 7));
        bracket = Vector256.FusedMultiplyAdd(bracket, s2, Vector256.Create(1.0 / 5));
        bracket = Vector256.FusedMultiplyAdd(bracket, s2, Vector256.Create(1.0 / 3));
        Vector256<double> series = Vector256.FusedMultiplyAdd(Vector256.Create(2.0) * (one + d) * s * s2, bracket,
            d * s);
        if (Vector256.EqualsAll(near, Vector256<double>.AllBitsSet)) return series;

        // The closed form where |s| ≥ 1/7.
        Vector256<double> closed = (one + d) * Log1P(d) - d;
        return Vector256.ConditionalSelect(near, series, closed);
    }

    /// <summary>log1p(d) from ln u with u = 1 + d rounded: ln u − ((u − 1) − d)/u corrects the
    /// rounding of u to first order, which leaves a relative error of a few ulps for every d.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Log1P(Vector256<double> d)
    {
        Vector256<double> u = Vector256<double>.One + d;
        return Vector256.Log(u) - (u - Vector256<double>.One - d) / u;
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
