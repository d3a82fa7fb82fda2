using System.Numerics;

namespace MiFast.Tests.Contingency;

public class ContingencyTableTests
{
    [Fact]
    public void RowsAndColumnsFollowLabelOrder()
    {
        long[] t = [5, -1, 4294967295, -1, long.MinValue];
        string[] p = ["b", "a", "B", "a", "b"];
        ContingencyTable<long, string> table = ContingencyTable.Create<long, string>(t, p);
        Assert.Equal([long.MinValue, -1, 5, 4294967295], table.RowLabels.ToArray());
        Assert.Equal(["B", "a", "b"], table.ColumnLabels.ToArray());
        Assert.Equal(new long[,] { { 0, 0, 1 }, { 0, 2, 0 }, { 0, 0, 1 }, { 1, 0, 0 } }, table.ToArray());
        Assert.Equal([1L, 2, 1, 1], table.RowSums.ToArray());
        Assert.Equal([1L, 2, 2], table.ColumnSums.ToArray());
        Assert.Equal(5, table.SampleCount);
        Assert.Equal(2, table[1, 1]);
        Assert.Equal(0, table[1, 0]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1_000)]
    [InlineData(70_000)]
    public void EveryItemItsOwnLabelKeepsLabelsAndCellsOfTheShuffledRange(int n)
    {
        // Both sides a full range of keys (the labels are laid out only when read), shuffled.
        var random = new Random(n);
        int[] t = [.. Enumerable.Range(-3, n)];
        short[] p = [.. Enumerable.Range(0, n).Select(i => (short)(i % 97 - 40))];
        int[] u = [.. Enumerable.Range(10, n).OrderBy(_ => random.Next())];
        ContingencyTable<int, int> both = ContingencyTable.Create<int, int>(t, u);
        ContingencyTable<int, short> rows = ContingencyTable.Create<int, short>(u, p);
        Assert.Equal([.. Enumerable.Range(-3, n)], both.RowLabels.ToArray());
        Assert.Equal([.. Enumerable.Range(10, n)], both.ColumnLabels.ToArray());
        Assert.Equal([.. Enumerable.Range(10, n)], rows.RowLabels.ToArray());
        for (int k = 0; k < n; k++)
        {
            Assert.Equal(1, both[t[k] + 3, u[k] - 10]);
            Assert.Equal(1, rows[u[k] - 10, rows.ColumnLabels.IndexOf(p[k])]);
        }

        Assert.Equal(n, both.CellCount);
        Assert.Equal(n, rows.CellCount);
    }

    [Fact]
    public void UnsignedLabelsAboveLongMaxSortAsUnsigned()
    {
        ulong[] t = [ulong.MaxValue, 0, 1UL << 63, 7];
        ContingencyTable<ulong, ulong> table = ContingencyTable.Create<ulong, ulong>(t, t);
        Assert.Equal([0UL, 7, 1UL << 63, ulong.MaxValue], table.RowLabels.ToArray());
    }

    [Fact]
    public void DoubleLabelsCompareByValue()
    {
        // −0.0 is 0.0; every NaN is one label; 0.5 and 0.505 are different labels.
        double[] t = [0.0, -0.0, double.NaN, -double.NaN, 0.5, 0.505, double.NegativeInfinity];
        ContingencyTable<double, double> table = ContingencyTable.Create<double, double>(t, t);
        Assert.Equal(5, table.RowCount);
        Assert.Equal(double.NegativeInfinity, table.RowLabels[0]);
        Assert.Equal([1L, 2, 1, 1, 2], table.RowSums.ToArray());
        Assert.Equal(0.0, table.RowLabels[1]);
        Assert.Equal(2, table.RowSums[1]);
        Assert.True(double.IsNaN(table.RowLabels[4]));
        Assert.Equal(2, table.RowSums[4]);
    }

    [Fact]
    public void StringsCompareOrdinally()
    {
        string[] t = ["é", "e", "E", "e\u0301", "Z"];
        ContingencyTable<string, string> table = ContingencyTable.Create<string, string>(t, t);
        Assert.Equal(["E", "Z", "e", "e\u0301", "é"], table.RowLabels.ToArray());
    }

    [Fact]
    public void LengthMismatchIsRejected()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => ContingencyTable.Create<int, int>([1, 2], [1]));
        Assert.Contains("2", e.Message, StringComparison.Ordinal);
        Assert.Contains("1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NullLabelIsRejectedWithItsIndex()
    {
        string[] p = ["a", "b", null!];
        ArgumentException e = Assert.Throws<ArgumentException>(
            () => ClusterMetrics.MutualInfoScore<int, string>([1, 2, 3], p));
        Assert.Contains("index 2", e.Message, StringComparison.Ordinal);
        Assert.Equal("labelsPred", e.ParamName);
    }

    [Fact]
    public void IndexerRejectsOutOfRange()
    {
        ContingencyTable table = ContingencyTable.Create<int, int>([1, 2], [1, 1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => table[2, 0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => table[0, -1]);
    }

    [Fact]
    public void FromCountsAddsRepeatsAndIgnoresZeros()
    {
        ContingencyTable<string, int> table = ContingencyTable.FromCounts<string, int>(
            ["x", "y", "x", "z"], [1, 2, 1, 9], [3, 4, 5, 0]);
        Assert.Equal(["x", "y"], table.RowLabels.ToArray());
        Assert.Equal([1, 2], table.ColumnLabels.ToArray());
        Assert.Equal(new long[,] { { 8, 0 }, { 0, 4 } }, table.ToArray());
    }

    [Fact]
    public void FromCountsRejectsNegativeCounts()
    {
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(
            () => ContingencyTable.FromCounts<int, int>([1, 2], [1, 2], [5, -1]));
        Assert.Contains("index 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromCountsRejectsATotalAboveInt64()
    {
        Assert.Throws<ArgumentException>(
            () => ContingencyTable.FromCounts<int, int>([1, 2], [1, 2], [long.MaxValue, 1]));
        Assert.Throws<ArgumentException>(
            () => ContingencyTable.FromCounts<int, int>([1, 1], [1, 1], [long.MaxValue, 1]));
    }

    [Fact]
    public void FromCountsRejectsMismatchedLengths() =>
        Assert.Throws<ArgumentException>(() => ContingencyTable.FromCounts<int, int>([1, 2], [1], [1, 1]));

    [Fact]
    public void EveryItemItsOwnClusterAtOneMillion()
    {
        // The sparse path: a 10^6 × 10^6 table with 10^6 cells.
        const int n = 1_000_000;
        int[] t = [.. Enumerable.Range(0, n).Select(i => (int)((i * 7919L) % n))];
        int[] p = [.. Enumerable.Range(0, n).Select(i => -i)];
        ClusterScores s = ClusterMetrics.Compare<int, int>(t, p);
        Assert.Equal(n, s.ClassCount);
        Assert.Equal(n, s.ClusterCount);
        Assert.Equal(Math.Log(n), s.MutualInfo, 1e-12);
        Assert.Equal(1.0, s.NormalizedMutualInfo);
        Assert.Equal(1.0, s.AdjustedMutualInfo);
        Assert.Equal(1.0, s.AdjustedRand);
        Assert.Equal(0.0, s.FowlkesMallows);
        Assert.Equal((Int128)n * (n - 1), s.PairConfusion.C00);
    }

    [Fact]
    public void AllSingletonsAgainstAPartitionHaveAmiZero()
    {
        int[] t = [.. Enumerable.Range(0, 1000).Select(i => i % 10)];
        int[] p = [.. Enumerable.Range(0, 1000)];
        foreach (AverageMethod m in Enum.GetValues<AverageMethod>())
        {
            Assert.Equal(0.0, ClusterMetrics.AdjustedMutualInfoScore<int, int>(t, p, m));
        }

        // MI = H(U) = EMI there: every random labeling with these sizes scores the same.
        ContingencyTable table = ContingencyTable.Create<int, int>(t, p);
        Assert.Equal(Math.Log(10), ClusterMetrics.ExpectedMutualInformation(table), 1e-13);
    }

    [Fact]
    public void InvalidArgumentsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ClusterMetrics.VMeasureScore<int, int>([1], [1], -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClusterMetrics.VMeasureScore<int, int>([1], [1], double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(
            () => ClusterMetrics.NormalizedMutualInfoScore<int, int>([1], [1], (AverageMethod)42));
        Assert.Throws<ArgumentNullException>(() => ClusterMetrics.MutualInfoScore(null!));
    }

    [Fact]
    public void EntropyOfEmptyAndConstantIsZero()
    {
        Assert.Equal(0.0, ClusterMetrics.Entropy<int>([]));
        Assert.Equal(0.0, ClusterMetrics.Entropy<string>(["a", "a", "a"]));
        Assert.Equal(Math.Log(2), ClusterMetrics.Entropy<int>([1, 2, 1, 2]), 1e-15);
    }

    [Fact]
    public void ExactRatioRoundsLargeQuotients()
    {
        // 1/3 from integers far beyond 2^53, and a quotient above 2^64.
        BigInteger big = BigInteger.Pow(10, 40);
        Assert.Equal(1.0 / 3, MiFast.Metrics.ExactRatio.ToDouble(big, 3 * big));
        Assert.Equal(-2.0 / 3, MiFast.Metrics.ExactRatio.ToDouble(-2 * big, 3 * big));
        Assert.Equal(1e30 / 7, MiFast.Metrics.ExactRatio.ToDouble(BigInteger.Pow(10, 30), 7), 1e14);
    }

    [Fact]
    public void FromCountsRejectsNullLabelsEvenWithZeroCount()
    {
        string[] rows = ["a", null!];
        Assert.Throws<ArgumentException>(() => ContingencyTable.FromCounts<string, int>(rows, [1, 2], [3, 0]));
    }

    [Fact]
    public void UnknownKernelIsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(
            () => ContingencyTable.Create<int, int>([1], [1], (CountingKernel)42));

    [Fact]
    public void LabelsThatCannotBeOrderedKeepFirstSeenOrder()
    {
        object[] t = [1, "one", 1, "one", 2.5];
        object[] p = ["x", "x", "y", "y", "x"];
        ContingencyTable<object, object> table = ContingencyTable.Create<object, object>(t, p);
        Assert.Equal(3, table.RowCount);
        Assert.Equal(
            ClusterMetrics.MutualInfoScore<int, int>([0, 1, 0, 1, 2], [0, 0, 1, 1, 0]),
            ClusterMetrics.MutualInfoScore(table));
    }
}
