namespace MiFast.Analysis;

/// <summary>The Miller–Madow bias correction of plug-in entropies and mutual information.</summary>
/// <remarks>
/// <para>The plug-in (maximum-likelihood) entropy of m non-empty bins from n items
/// underestimates the true entropy by about (m − 1) / (2n) nats (Miller 1955). The corrected
/// estimates are</para>
/// <code>
///   H_MM(U)   = H(U)   + (R − 1) / (2n)       R: non-empty rows (classes)
///   H_MM(V)   = H(V)   + (C − 1) / (2n)       C: non-empty columns (clusters)
///   H_MM(U,V) = H(U,V) + (K − 1) / (2n)       K: non-empty cells
///   I_MM      = H_MM(U) + H_MM(V) − H_MM(U,V) = I + (R + C − K − 1) / (2n)
/// </code>
/// <para>All in nats. I_MM can be negative (independent labelings with many cells) and has no
/// upper bound of min(H); it is an estimate of the population MI, not a score. 0 for empty input.</para>
/// </remarks>
public static class MillerMadow
{
    /// <summary>I_MM = I + (R + C − K − 1) / (2n), in nats; 0 when n = 0.</summary>
    /// <exception cref="ArgumentNullException">The table is null.</exception>
    public static double MutualInfo(ContingencyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        long n = table.SampleCount;
        if (n == 0) return 0;
        long correction = (long)table.RowCount + table.ColumnCount - table.CellCount - 1;
        return ClusterMetrics.MutualInfoScore(table) + correction / (2.0 * n);
    }

    /// <summary>H_MM(U) = H(U) + (R − 1) / (2n), in nats; 0 when n = 0.</summary>
    /// <exception cref="ArgumentNullException">The table is null.</exception>
    public static double EntropyTrue(ContingencyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        long n = table.SampleCount;
        if (n == 0) return 0;
        return table.Information.EntropyTrue + (table.RowCount - 1) / (2.0 * n);
    }

    /// <summary>H_MM(V) = H(V) + (C − 1) / (2n), in nats; 0 when n = 0.</summary>
    /// <exception cref="ArgumentNullException">The table is null.</exception>
    public static double EntropyPred(ContingencyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        long n = table.SampleCount;
        if (n == 0) return 0;
        return table.Information.EntropyPred + (table.ColumnCount - 1) / (2.0 * n);
    }
}
