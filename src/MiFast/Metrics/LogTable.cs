namespace MiFast.Metrics;

/// <summary>
/// ln x and x·ln x for small integers, computed once: most cells and marginals of real tables
/// are small counts, and a lookup replaces their log.
/// </summary>
internal static class LogTable
{
    /// <summary>2^12 entries each (64 KiB in all): every count below 4096.</summary>
    public const int Size = 1 << 12;

    private static readonly double[] Ln = Build(x => Math.Log(x));
    private static readonly double[] XLnX = Build(x => x * Math.Log(x));

    /// <summary>ln x for x ≥ 1.</summary>
    public static double Log(long x) => x < Size ? Ln[x] : Math.Log(x);

    /// <summary>x·ln x for x ≥ 1 (the same double as <c>x * Math.Log(x)</c>).</summary>
    public static double XLogX(long x) => x < Size ? XLnX[x] : x * Math.Log(x);

    private static double[] Build(Func<double, double> f)
    {
        var table = new double[Size];
        for (int x = 1; x < Size; x++) table[x] = f(x);
        return table;
    }
}
