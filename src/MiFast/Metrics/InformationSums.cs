namespace MiFast.Metrics;

/// <summary>
/// The entropies of both labelings and their mutual information, from one pass over the
/// marginals and the non-zero cells of a table.
/// </summary>
/// <remarks>
/// <para>In count units (n times the nats), with a_i the row sums, b_j the column sums:</para>
/// <code>
///   n·H(U)   = n ln n − Σ_i a_i ln a_i
///   n·H(V)   = n ln n − Σ_j b_j ln b_j
///   n·I(U;V) = Σ_ij n_ij ln n_ij − Σ_i a_i ln a_i − Σ_j b_j ln b_j + n ln n
/// </code>
/// <para>This form needs one x·ln x per cell and per marginal, looked up for counts below 4096,
/// and no division. The four sums are <see cref="FixedPointSum"/>s, combined exactly, so each
/// identity that holds for the counts holds for the doubles: a constant labeling has I = 0, a
/// prediction that refines the truth (every n_ij = b_j) has I = H(U) exactly, the same
/// partition has I = H(U) = H(V), and swapping the labelings changes nothing. MI is clamped
/// to [0, min(H(U), H(V))] in that exact domain, where it lies mathematically.</para>
/// <para>Accuracy: each x·ln x is rounded once, so the error of n·I is below
/// 2^−53·(Σ n_ij ln n_ij + Σ a_i ln a_i + Σ b_j ln b_j + n ln n) ≤ 2^−51·n ln n, that is an
/// absolute error below 5e−16·ln n on I, measured against the 50-digit reference values.</para>
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

    public double EntropyTrue { get; }

    public double EntropyPred { get; }

    public double MutualInfo { get; }

    public double VariationOfInformation { get; }

    public static InformationSums Compute(ContingencyTable table)
    {
        long n = table.SampleCount;
        int scale = FixedPointSum.ScaleFor(n);

        // Σ x ln x over the marginals, the cells, and n itself.
        Int128 rows = SumXLogX(table.RowSums, scale);
        Int128 columns = SumXLogX(table.ColumnSums, scale);
        Int128 cells = SumXLogX(table.CellCounts, scale);
        var whole = new FixedPointSum(scale);
        if (n > 0) whole.Add(LogTable.XLogX(n));

        // Combine exactly, then clamp MI into [0, min(n·H(U), n·H(V))].
        Int128 entropyTrue = whole.Raw - rows, entropyPred = whole.Raw - columns;
        Int128 mutual = Int128.Clamp(cells - rows - columns + whole.Raw, 0, Int128.Min(entropyTrue, entropyPred));
        return new InformationSums(entropyTrue, entropyPred, mutual, scale, n);
    }

    /// <summary>H of one labeling from its class sizes: the same double as
    /// <see cref="EntropyTrue"/> of any table with these row sums.</summary>
    public static double Entropy(ReadOnlySpan<long> sizes, long n)
    {
        if (n == 0) return 0;
        int scale = FixedPointSum.ScaleFor(n);
        var whole = new FixedPointSum(scale);
        whole.Add(LogTable.XLogX(n));
        return FixedPointSum.ToDouble(whole.Raw - SumXLogX(sizes, scale), scale) / n;
    }

    /// <summary>Σ x ln x over positive counts, exact in the fixed-point grid; ones add nothing.</summary>
    internal static Int128 SumXLogX(ReadOnlySpan<long> counts, int scale)
    {
        var sum = new FixedPointSum(scale);
        foreach (long x in counts)
        {
            if (x > 1) sum.Add(LogTable.XLogX(x));
        }

        return sum.Raw;
    }
}
