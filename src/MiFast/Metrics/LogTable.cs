namespace MiFast.Metrics;

/// <summary>
/// ln x for small integers, computed once: the EMI walk over small cell counts looks its logs
/// up instead of taking them.
/// </summary>
internal static class LogTable
{
    /// <summary>2^12 entries (32 KiB): every count below 4096.</summary>
    public const int Size = 1 << 12;

    private static readonly double[] Ln = Build(x => Math.Log(x));

    /// <summary>ln x for x ≥ 1.</summary>
    public static double Log(long x) => x < Size ? Ln[x] : Math.Log(x);

    private static double[] Build(Func<double, double> f)
    {
        var table = new double[Size];
        for (int x = 1; x < Size; x++) table[x] = f(x);
        return table;
    }
}
