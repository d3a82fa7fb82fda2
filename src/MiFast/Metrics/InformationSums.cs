using System.Numerics;
using System.Runtime.CompilerServices;

namespace MiFast.Metrics;

/// <summary>
/// The entropies of both labelings and their mutual information, from one pass over the
/// marginals and the non-zero cells of a table.
/// </summary>
/// <remarks>
/// <para>In count units (n times the nats), with a_i the row sums, b_j the column sums:</para>
/// <code>
///   n·H(U)   = Σ_i a_i·ln(n / a_i)            = Σ_i a_i·log1p((n − a_i) / a_i)
///   n·I(U;V) = Σ_ij n_ij·ln(n·n_ij / (a_i·b_j)) = Σ_ij n_ij·log1p((n·n_ij − a_i·b_j) / (a_i·b_j))
/// </code>
/// <para>Each log takes the exact integer difference from 1, so a ratio near 1 (a class holding
/// almost every item, a cell near independence) keeps its digits: every term is accurate to a
/// few ulps. A Σ x·ln x form needs fewer logs but cancels n·ln n against itself and loses
/// up to ln n / H(U) ulps, 10^−7 relative on skewed tables, so it is not used.</para>
/// <para>Cells that fill their column (n_ij = b_j) have the ratio n / a_i of their row's
/// entropy term; they are added up per row as integers and multiplied once, and likewise cells
/// that fill their row (n_ij = a_i), per column. All sums are <see cref="FixedPointSum"/>s,
/// combined exactly. So every identity of the counts holds for the doubles: a constant
/// labeling has I = 0, a prediction that refines the truth has I = H(U) exactly (homogeneity
/// 1), the same partition has I = H(U) = H(V), independent cells add exactly 0, and swapping
/// the labelings changes nothing. MI is clamped to [0, min(H(U), H(V))] in that exact domain,
/// where it lies mathematically.</para>
/// </remarks>
internal sealed class InformationSums
{
    private InformationSums(Int128 rows, Int128 columns, Int128 mutual, int scale, long n)
    {
        double count = n;
        EntropyTrue = n == 0 ? 0 : FixedPointSum.ToDouble(rows, scale) / count;
        EntropyPred = n == 0 ? 0 : FixedPointSum.ToDouble(columns, scale) / count;
        MutualInfo = n == 0 ? 0 : FixedPointSum.ToDouble(mutual, scale) / count;
        VariationOfInformation = n == 0 ? 0 : FixedPointSum.ToDouble(rows + columns - 2 * mutual, scale) / count;
    }

    /// <summary>Up to this n, n·n_ij and a_i·b_j (each at most n²) fit in 63 bits: the exact
    /// difference is taken in 64-bit integers, the same integer as in 128 bits, rounded once.</summary>
    private const long ProductsFit64 = 3_037_000_499;

    public double EntropyTrue { get; }

    public double EntropyPred { get; }

    public double MutualInfo { get; }

    public double VariationOfInformation { get; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static InformationSums Compute(ContingencyTable table)
    {
        long n = table.SampleCount;
        int scale = FixedPointSum.ScaleFor(n);
        var logs = new MarginalLogs(n);

        // A singleton side has every cell filling its row (R = n) or column (C = n), so the
        // cell sum below gathers into the other side's entropy: take it without the cells.
        if (table.SingletonRows || table.SingletonColumns)
        {
            Int128 singletonRows = table.SingletonRows ? Singletons(n, scale, ref logs) : 0;
            Int128 singletonColumns = table.SingletonColumns ? Singletons(n, scale, ref logs) : 0;
            Int128 other = table.SingletonRows
                ? (table.SingletonColumns ? singletonColumns : EntropySum(table.ColumnSums, scale, ref logs))
                : EntropySum(table.RowSums, scale, ref logs);
            Int128 r = table.SingletonRows ? singletonRows : other;
            Int128 c = table.SingletonColumns ? singletonColumns : other;
            return new InformationSums(r, c, table.SingletonRows ? c : r, scale, n);
        }

        // Entropies of the marginals.
        ReadOnlySpan<long> rowSums = table.RowSums, columnSums = table.ColumnSums;
        Int128 rows = EntropySum(rowSums, scale, ref logs);
        Int128 columns = EntropySum(columnSums, scale, ref logs);

        // Cells that fill their column (or row) gather per row (or column) as integers.
        var fillRow = new long[rowSums.Length];
        var fillColumn = new long[columnSums.Length];
        var mutual = new FixedPointSum(scale);
        ReadOnlySpan<int> cellRows = table.CellRows, cellColumns = table.CellColumns;
        ReadOnlySpan<long> cellCounts = table.CellCounts;
        bool products64 = n <= ProductsFit64;
        Span<double> ratios = stackalloc double[LogBatch], weights = stackalloc double[LogBatch];
        int pending = 0;
        for (int k = 0; k < cellCounts.Length; k++)
        {
            // The ratio's exact integer difference from 1, rounded once; its log waits for a batch.
            long c = cellCounts[k], a = rowSums[cellRows[k]], b = columnSums[cellColumns[k]];
            if (c == b) fillRow[cellRows[k]] += c;
            else if (c == a) fillColumn[cellColumns[k]] += c;
            else if (products64 ? n * c < a * b - n * c : 2 * (Int128)n * c < (Int128)a * b)
            {
                // Far below independence: the log of the quotient itself (see CellLog).
                mutual.Add(c * CellLog(products64 ? (Int128)(n * c) : (Int128)n * c, (Int128)a * b));
            }
            else
            {
                ratios[pending] = products64 ? (double)(n * c - a * b) / ((double)a * b)
                    : (double)((Int128)n * c - (Int128)a * b) / ((double)a * b);
                weights[pending] = c;
                if (++pending == LogBatch) pending = AddLogs(ref mutual, ratios, weights, LogBatch);
            }
        }

        AddLogs(ref mutual, ratios, weights, pending);

        // The gathered cells: Σ n_ij·ln(n / a_i) per row, Σ n_ij·ln(n / b_j) per column.
        for (int i = 0; i < fillRow.Length; i++)
        {
            if (fillRow[i] != 0) mutual.Add(fillRow[i] * logs.RatioLog(rowSums[i]));
        }

        for (int j = 0; j < fillColumn.Length; j++)
        {
            if (fillColumn[j] != 0) mutual.Add(fillColumn[j] * logs.RatioLog(columnSums[j]));
        }

        // Clamp MI into [0, min(n·H(U), n·H(V))] before rounding anything.
        Int128 clamped = Int128.Clamp(mutual.Raw, 0, Int128.Min(rows, columns));
        return new InformationSums(rows, columns, clamped, scale, n);
    }

    /// <summary>H of one labeling from its class sizes: the same double as
    /// <see cref="EntropyTrue"/> of any table with these row sums.</summary>
    public static double Entropy(ReadOnlySpan<long> sizes, long n)
    {
        if (n == 0) return 0;
        int scale = FixedPointSum.ScaleFor(n);
        var logs = new MarginalLogs(n);
        return FixedPointSum.ToDouble(EntropySum(sizes, scale, ref logs), scale) / n;
    }

    /// <summary>n marginals of 1: n equal terms 1·ln n, added as one product.</summary>
    private static Int128 Singletons(long n, int scale, ref MarginalLogs logs)
    {
        var sum = new FixedPointSum(scale);
        sum.AddTimes(logs.RatioLog(1), n);
        return sum.Raw;
    }

    private static Int128 EntropySum(ReadOnlySpan<long> sizes, int scale, ref MarginalLogs logs)
    {
        var sum = new FixedPointSum(scale);
        foreach (long a in sizes) sum.Add(a * logs.RatioLog(a));
        return sum.Raw;
    }

    /// <summary>Cells whose logs are taken together, a vector at a time.</summary>
    private const int LogBatch = 64;

    /// <summary>Adds weight·log1p(ratio) for the first <paramref name="count"/> pairs; returns 0.</summary>
    private static int AddLogs(ref FixedPointSum sum, Span<double> ratios, ReadOnlySpan<double> weights, int count)
    {
        Log1P(ratios[..count]);
        for (int k = 0; k < count; k++) sum.Add(weights[k] * ratios[k]);
        return 0;
    }

    /// <summary>
    /// log1p in place, a vector of x at a time: with u = 1 + x rounded, ln(u)·x/(u − 1) corrects
    /// the rounding of u (Goldberg 1991), and u = 1 means ln(1 + x) = x to the last bit. Each
    /// lane is computed alone, so a value does not depend on its neighbours or its position.
    /// </summary>
    internal static void Log1P(Span<double> values)
    {
        int i = 0;
        Vector<double> one = Vector<double>.One;
        for (; i + Vector<double>.Count <= values.Length; i += Vector<double>.Count)
        {
            var x = new Vector<double>(values[i..]);
            Vector<double> u = one + x;
            Vector<double> corrected = Vector.Log(u) * (x / (u - one));
            Vector.ConditionalSelect(Vector.Equals(u, one), x, corrected).CopyTo(values[i..]);
        }

        // The tail through a vector too, padded with zeros, so every value takes the same path.
        if (i < values.Length)
        {
            Span<double> tail = stackalloc double[Vector<double>.Count];
            tail.Clear();
            values[i..].CopyTo(tail);
            Log1P(tail);
            tail[..(values.Length - i)].CopyTo(values[i..]);
        }
    }

    /// <summary>ln(p/q) for exact integers 0 &lt; p &lt; q/2: the log of the quotient itself. The
    /// log1p form would round (p − q)/q, near −1, and lose p, the digits that matter: with p/q
    /// below 2^−53 it became exactly −1, the log −∞ and the MI 0.</summary>
    private static double CellLog(Int128 p, Int128 q) => Math.Log((double)p / (double)q);

    /// <summary>
    /// ln(1 + x) for x &gt; −1 without the rounding of 1 + x: with u = 1 + x rounded,
    /// ln(u)·x/(u − 1) corrects for it (Goldberg 1991), and u = 1 means ln(1 + x) = x to the
    /// last bit.
    /// </summary>
    internal static double Log1P(double x)
    {
        double u = 1.0 + x;
        return u == 1.0 ? x : Math.Log(u) * (x / (u - 1.0));
    }

    /// <summary>ln(n / a) = log1p((n − a) / a) per distinct small marginal, computed once.</summary>
    private struct MarginalLogs(long n)
    {
        private double[]? _small;

        public double RatioLog(long a)
        {
            if (a >= LogTable.Size) return Log1P((double)(n - a) / a);
            _small ??= new double[LogTable.Size];
            ref double slot = ref _small[a];
            if (slot == 0 && a != n) slot = Log1P((double)(n - a) / a);
            return slot;
        }
    }
}
