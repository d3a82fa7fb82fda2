namespace MiFast.Metrics;

/// <summary>
/// The entropies of both labelings and their mutual information, from one pass over the
/// marginals and the non-zero cells of a table.
/// </summary>
/// <remarks>
/// <para>In count units (n times the nats), with a_i the row sums, b_j the column sums:</para>
/// <code>
///   n·H(U)  = Σ_i a_i ln(n / a_i)
///   n·H(V)  = Σ_j b_j ln(n / b_j)
///   n·I(U;V) = Σ_ij n_ij ln(n·n_ij / (a_i·b_j))
/// </code>
/// <para>The ratio inside each log is formed from exact integers before the one log, so a
/// cell that is independent (n·n_ij = a_i·b_j) contributes exactly 0, and a cell that fills
/// its column (n_ij = b_j) contributes exactly the term its row contributes to H(U). The sums
/// are <see cref="FixedPointSum"/>s, and MI is clamped to [0, min(H(U), H(V))] in that exact
/// domain, where it lies mathematically.</para>
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
        double count = n;
        int scale = FixedPointSum.ScaleFor(n);
        ReadOnlySpan<long> rowSums = table.RowSums;
        ReadOnlySpan<long> columnSums = table.ColumnSums;

        // Entropies of the marginals.
        var rows = new FixedPointSum(scale);
        foreach (long a in rowSums) rows.Add(a * Math.Log(count / a));
        var columns = new FixedPointSum(scale);
        foreach (long b in columnSums) columns.Add(b * Math.Log(count / b));

        // Mutual information over the non-zero cells.
        var mutual = new FixedPointSum(scale);
        ReadOnlySpan<int> cellRows = table.CellRows;
        ReadOnlySpan<int> cellColumns = table.CellColumns;
        ReadOnlySpan<long> cellCounts = table.CellCounts;
        for (int k = 0; k < cellCounts.Length; k++)
        {
            mutual.Add(CellTerm(cellCounts[k], rowSums[cellRows[k]], columnSums[cellColumns[k]], count));
        }

        // Clamp MI into [0, min(n·H(U), n·H(V))] before rounding anything.
        Int128 clamped = Int128.Clamp(mutual.Raw, 0, Int128.Min(rows.Raw, columns.Raw));
        return new InformationSums(rows.Raw, columns.Raw, clamped, scale, n);
    }

    /// <summary>n_ij · ln(n·n_ij / (a_i·b_j)), with the ratio formed exactly where a cell fills
    /// its column (n / a_i) or its row (n / b_j); the same double both ways round (a ↔ b).</summary>
    internal static double CellTerm(long cell, long rowSum, long columnSum, double n)
    {
        double ratio = cell == columnSum ? n / rowSum
            : cell == rowSum ? n / columnSum
            : n * cell / ((double)rowSum * columnSum);
        return cell * Math.Log(ratio);
    }
}
