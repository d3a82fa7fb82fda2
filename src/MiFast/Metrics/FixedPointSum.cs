using System.Runtime.CompilerServices;

namespace MiFast.Metrics;

/// <summary>
/// An order-independent sum of doubles: each term is rounded once to a multiple of
/// 2^−scale and the multiples are added exactly in 128-bit integers.
/// </summary>
/// <remarks>
/// Integer addition is associative, so the result is the same double whatever the order of
/// the terms, the chunking or the thread count. That is what makes MI(U, V) and MI(V, U)
/// bit-identical (the transposed table lists its cells in another order) and MI of two
/// identical partitions bit-identical to their entropy (the same terms, listed by cell and by
/// row). The scale is chosen from n so that Σ|term| ≤ 4·n·ln n stays below 2^125: for
/// n = 10^7 the grid is 2^−92, far below the rounding of the terms themselves.
/// </remarks>
internal struct FixedPointSum
{
    private Int128 _sum;

    public FixedPointSum(int scale) => Scale = scale;

    public int Scale { get; }

    public readonly Int128 Raw => _sum;

    /// <summary>The scale for sums of n·ln n-bounded terms: Σ|term| ≤ n·max(1, ln n).</summary>
    public static int ScaleFor(long n)
    {
        double bound = Math.Max(2.0, n) * Math.Max(1.0, Math.Log(Math.Max(2.0, n)));
        return 123 - (Math.ILogB(bound) + 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double term) => _sum += (Int128)Math.Round(Math.ScaleB(term, Scale));

    /// <summary>Adds <paramref name="term"/> <paramref name="times"/> times: the same integer
    /// as that many <see cref="Add"/> calls.</summary>
    public void AddTimes(double term, long times) =>
        _sum += (Int128)Math.Round(Math.ScaleB(term, Scale)) * times;

    public readonly double ToDouble() => ToDouble(_sum, Scale);

    public static double ToDouble(Int128 raw, int scale) => Math.ScaleB((double)raw, -scale);
}
