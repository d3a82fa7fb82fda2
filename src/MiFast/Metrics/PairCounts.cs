using System.Numerics;
using System.Runtime.CompilerServices;

namespace MiFast.Metrics;

/// <summary>
/// Exact pair counting: the sums of squares of the cells and of both marginals, from which
/// every pair-based score follows in integer arithmetic.
/// </summary>
/// <remarks>
/// n ≤ 2^63 gives n² &lt; 2^126, so every sum of squares and every ordered-pair count fits
/// <see cref="Int128"/>; the products inside ARI (up to n⁴) are formed as
/// <see cref="BigInteger"/> once per table. Nothing is rounded before the final division.
/// </remarks>
internal sealed class PairCounts
{
    private PairCounts(long n, Int128 cells, Int128 rows, Int128 columns)
    {
        Int128 items = n;
        TogetherInBoth = cells - items;
        TogetherInTrueOnly = rows - cells;
        TogetherInPredOnly = columns - cells;
        ApartInBoth = items * items - rows - columns + cells;
        SumSquaresRows = rows;
        SumSquaresColumns = columns;
        SampleCount = n;
    }

    public long SampleCount { get; }

    /// <summary>C11: ordered pairs in one class and in one cluster.</summary>
    public Int128 TogetherInBoth { get; }

    /// <summary>C10: ordered pairs in one class but in different clusters.</summary>
    public Int128 TogetherInTrueOnly { get; }

    /// <summary>C01: ordered pairs in different classes but one cluster.</summary>
    public Int128 TogetherInPredOnly { get; }

    /// <summary>C00: ordered pairs apart in both labelings.</summary>
    public Int128 ApartInBoth { get; }

    public Int128 SumSquaresRows { get; }

    public Int128 SumSquaresColumns { get; }

    public static PairCounts Compute(ContingencyTable table)
    {
        // A singleton side makes every cell 1, and its own marginals 1: n each.
        long n = table.SampleCount;
        bool singletonCells = table.SingletonRows || table.SingletonColumns;
        return new PairCounts(n, singletonCells ? n : SumOfSquares(table.CellCounts),
            table.SingletonRows ? n : SumOfSquares(table.RowSums),
            table.SingletonColumns ? n : SumOfSquares(table.ColumnSums));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Int128 SumOfSquares(ReadOnlySpan<long> counts)
    {
        Int128 sum = 0;
        foreach (long c in counts) sum += (Int128)c * c;
        return sum;
    }

    /// <summary>ARI = 2(C11·C00 − C10·C01) / ((C11 + C10)(C10 + C00) + (C11 + C01)(C01 + C00)),
    /// 1 when no pair is discordant (C10 = C01 = 0).</summary>
    public double AdjustedRand()
    {
        if (TogetherInTrueOnly == 0 && TogetherInPredOnly == 0) return 1.0;
        BigInteger c11 = (BigInteger)TogetherInBoth, c10 = (BigInteger)TogetherInTrueOnly;
        BigInteger c01 = (BigInteger)TogetherInPredOnly, c00 = (BigInteger)ApartInBoth;
        BigInteger numerator = 2 * (c11 * c00 - c10 * c01);
        BigInteger denominator = (c11 + c10) * (c10 + c00) + (c11 + c01) * (c01 + c00);
        return ExactRatio.ToDouble(numerator, denominator);
    }

    /// <summary>Rand = (C11 + C00) / (n(n − 1)), 1 when there are no pairs.</summary>
    public double Rand()
    {
        Int128 total = (Int128)SampleCount * (SampleCount - 1);
        Int128 agreeing = TogetherInBoth + ApartInBoth;
        if (total == 0 || agreeing == total) return 1.0;
        return ExactRatio.ToDouble((BigInteger)agreeing, (BigInteger)total);
    }

    /// <summary>FMI = C11 / sqrt((C11 + C10)(C11 + C01)), 0 when no pair is together in both.</summary>
    public double FowlkesMallows()
    {
        if (TogetherInBoth == 0) return 0.0;
        Int128 trueGroups = SumSquaresRows - SampleCount;
        Int128 predGroups = SumSquaresColumns - SampleCount;
        if (trueGroups == predGroups)
        {
            return ExactRatio.ToDouble((BigInteger)TogetherInBoth, (BigInteger)trueGroups);
        }

        return (double)TogetherInBoth / Math.Sqrt((double)trueGroups * (double)predGroups);
    }
}

/// <summary>The quotient of two integers, rounded once to the nearest double.</summary>
internal static class ExactRatio
{
    private const long ExactInDouble = 1L << 53;

    public static double ToDouble(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.Sign < 0) (numerator, denominator) = (-numerator, -denominator);
        if (numerator.IsZero) return 0.0;
        if (BigInteger.Abs(numerator) < ExactInDouble && denominator < ExactInDouble)
        {
            return (double)numerator / (double)denominator;
        }

        // Scale the quotient to 64 significant bits, fold the remainder into a sticky bit, and
        // let the one ulong-to-double conversion round.
        int sign = numerator.Sign;
        BigInteger magnitude = BigInteger.Abs(numerator);
        long shift = 64 - (magnitude.GetBitLength() - denominator.GetBitLength());
        BigInteger scaled = shift >= 0 ? magnitude << (int)shift : magnitude;
        BigInteger divisor = shift >= 0 ? denominator : denominator << (int)-shift;
        BigInteger quotient = BigInteger.DivRem(scaled, divisor, out BigInteger remainder);
        while (quotient.GetBitLength() > 64)
        {
            remainder |= quotient & 1;
            quotient >>= 1;
            shift--;
        }

        ulong bits = (ulong)quotient | (remainder.IsZero ? 0UL : 1UL);
        return sign * Math.ScaleB((double)bits, (int)-shift);
    }
}
