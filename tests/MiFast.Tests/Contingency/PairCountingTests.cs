using System.Numerics;

namespace MiFast.Tests.Contingency;

/// <summary>Pair counts and pair scores stay exact where 64-bit products overflow.</summary>
public class PairCountingTests
{
    /// <summary>The pair confusion matrix straight from its definition over unordered pairs
    /// (times two), in BigInteger.</summary>
    private static BigInteger[,] Expected(long[,] cells)
    {
        BigInteger Pairs(BigInteger x) => x * (x - 1);
        int rows = cells.GetLength(0), columns = cells.GetLength(1);
        BigInteger n = 0, both = 0, rowPairs = 0, columnPairs = 0;
        for (int i = 0; i < rows; i++)
        {
            BigInteger a = 0;
            for (int j = 0; j < columns; j++)
            {
                a += cells[i, j];
                both += Pairs(cells[i, j]);
            }

            rowPairs += Pairs(a);
            n += a;
        }

        for (int j = 0; j < columns; j++)
        {
            BigInteger b = 0;
            for (int i = 0; i < rows; i++) b += cells[i, j];
            columnPairs += Pairs(b);
        }

        BigInteger c10 = rowPairs - both, c01 = columnPairs - both;
        return new[,] { { Pairs(n) - both - c10 - c01, c01 }, { c10, both } };
    }

    private static ContingencyTable Table(long[,] cells)
    {
        var r = new List<int>();
        var c = new List<int>();
        var k = new List<long>();
        for (int i = 0; i < cells.GetLength(0); i++)
        {
            for (int j = 0; j < cells.GetLength(1); j++)
            {
                r.Add(i);
                c.Add(j);
                k.Add(cells[i, j]);
            }
        }

        return ContingencyTable.FromCounts<int, int>([.. r], [.. c], [.. k]);
    }

    public static TheoryData<long[,]> HugeTables() => new()
    {
        { new long[,] { { 2_000_000_000_000, 1_000_000_000_000 }, { 500_000_000_000, 3_000_000_000_000 } } },
        { new long[,] { { 1L << 61, 1 }, { 3, 1L << 61 } } },
        { new long[,] { { 4_000_000_000_000_000_000, 0 }, { 0, 5_000_000_000_000_000_000 } } },
        { new long[,] { { 123_456_789_012, 98_765_432_109, 5 }, { 7, 1, 555_555_555_555 } } },
    };

    [Theory]
    [MemberData(nameof(HugeTables))]
    public void PairConfusionIsExactBeyond64Bits(long[,] cells)
    {
        PairConfusion actual = ClusterMetrics.PairConfusionMatrix(Table(cells));
        BigInteger[,] expected = Expected(cells);
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 2; j++) Assert.Equal(expected[i, j], (BigInteger)actual[i, j]);
        }
    }

    [Theory]
    [MemberData(nameof(HugeTables))]
    public void PairScoresMatchExactRationals(long[,] cells)
    {
        BigInteger[,] c = Expected(cells);
        ContingencyTable table = Table(cells);

        // ARI = 2(C11·C00 − C10·C01) / ((C11 + C10)(C10 + C00) + (C11 + C01)(C01 + C00)), in 50 digits.
        BigInteger num = 2 * (c[1, 1] * c[0, 0] - c[1, 0] * c[0, 1]);
        BigInteger den = (c[1, 1] + c[1, 0]) * (c[1, 0] + c[0, 0]) + (c[1, 1] + c[0, 1]) * (c[0, 1] + c[0, 0]);
        double ari = den.IsZero || (c[1, 0].IsZero && c[0, 1].IsZero) ? 1.0 : Divide(num, den);
        Assert.Equal(ari, ClusterMetrics.AdjustedRandScore(table), 1e-15);

        BigInteger total = c[0, 0] + c[0, 1] + c[1, 0] + c[1, 1];
        Assert.Equal(Divide(c[0, 0] + c[1, 1], total), ClusterMetrics.RandScore(table), 1e-15);

        double fmi = Divide(c[1, 1], c[1, 1] + c[1, 0]) * Divide(c[1, 1], c[1, 1] + c[0, 1]);
        Assert.Equal(Math.Sqrt(fmi), ClusterMetrics.FowlkesMallowsScore(table), 1e-15);
    }

    [Fact]
    public void ThreeMillionLabelsInOneClusterCountEveryPair()
    {
        // n(n − 1) ≈ 9e12 ordered pairs: beyond int, and C(n,2)² beyond long.
        const int n = 3_000_000;
        int[] t = new int[n];
        int[] p = [.. Enumerable.Range(0, n).Select(i => i < n - 1 ? 7 : 8)];
        PairConfusion pc = ClusterMetrics.PairConfusionMatrix<int, int>(t, p);
        Assert.Equal((Int128)(n - 1) * (n - 2), pc.C11);
        Assert.Equal((Int128)2 * (n - 1), pc.C10);
        Assert.Equal(0, pc.C01);
        Assert.Equal(0, pc.C00);
        Assert.Equal(0.0, ClusterMetrics.AdjustedRandScore<int, int>(t, p));
        Assert.Equal(Math.Sqrt((double)(n - 2) / n), ClusterMetrics.FowlkesMallowsScore<int, int>(t, p), 1e-15);
    }

    [Fact]
    public void MillionLabelsAriMatchesExactRational()
    {
        // i mod 1000 against i mod 999 over 10^6 items: products of pair counts reach 1e23.
        const int n = 1_000_000;
        int[] t = [.. Enumerable.Range(0, n).Select(i => i % 1000)];
        int[] p = [.. Enumerable.Range(0, n).Select(i => i % 999)];
        long[,] cells = ContingencyTable.Create<int, int>(t, p).ToArray();
        BigInteger[,] c = Expected(cells);
        BigInteger num = 2 * (c[1, 1] * c[0, 0] - c[1, 0] * c[0, 1]);
        BigInteger den = (c[1, 1] + c[1, 0]) * (c[1, 0] + c[0, 0]) + (c[1, 1] + c[0, 1]) * (c[0, 1] + c[0, 0]);
        double expected = Divide(num, den);
        double actual = ClusterMetrics.AdjustedRandScore<int, int>(t, p);
        Assert.True(Math.Abs(actual - expected) <= 1e-15 * Math.Abs(expected), $"{actual:R} vs {expected:R}");
    }

    /// <summary>num/den to 17+ significant digits via a scaled BigInteger quotient.</summary>
    private static double Divide(BigInteger num, BigInteger den)
    {
        BigInteger scale = BigInteger.Pow(10, 30);
        return (double)(num * scale / den) / 1e30;
    }
}
