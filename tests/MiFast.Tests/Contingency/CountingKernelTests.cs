namespace MiFast.Tests.Contingency;

/// <summary>Every kernel, every worker count: the same table, bit-identical scores.</summary>
public class CountingKernelTests
{
    private static (int[] True, int[] Pred) Labels(int n, int k1, int k2, int seed)
    {
        var random = new Random(seed);
        var t = new int[n];
        var p = new int[n];
        for (int i = 0; i < n; i++)
        {
            t[i] = random.Next(k1) - k1 / 2;
            p[i] = random.NextDouble() < 0.7 ? t[i] % k2 : random.Next(k2);
        }

        return (t, p);
    }

    public static TheoryData<int, int, int> Shapes() => new()
    {
        { 1_000_000, 100, 100 },
        { 1_000_000, 3, 2000 },
        { 300_000, 5000, 4000 },
        { 1_000_003, 1, 7 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void OneTwoAndEightWorkersGiveBitIdenticalResults(int n, int k1, int k2)
    {
        (int[] t, int[] p) = Labels(n, k1, k2, seed: n + k1 + k2);
        foreach (CountingKernel kernel in new[] { CountingKernel.DenseByValue, CountingKernel.Dense })
        {
            ClusterScores one = ClusterMetrics.Compare(ContingencyTable.Create<int, int>(t, p, kernel, workers: 1));
            foreach (int workers in new[] { 2, 8 })
            {
                ClusterScores many = ClusterMetrics.Compare(ContingencyTable.Create<int, int>(t, p, kernel, workers));
                Properties.MetricProperties.AssertSameScores(one, many);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EveryKernelCountsTheSameTable(int n, int k1, int k2)
    {
        (int[] t, int[] p) = Labels(n, k1, k2, seed: 7 * n + k1);
        ContingencyTable reference = ContingencyTable.Create<int, int>(t, p, CountingKernel.SortedKeys);
        foreach (CountingKernel kernel in Enum.GetValues<CountingKernel>())
        {
            ContingencyTable table = ContingencyTable.Create<int, int>(t, p, kernel);
            Assert.Equal(reference.CellCounts.ToArray(), table.CellCounts.ToArray());
            Assert.Equal(reference.CellColumns.ToArray(), table.CellColumns.ToArray());
            Assert.Equal(reference.RowSums.ToArray(), table.RowSums.ToArray());
        }
    }

    [Fact]
    public void ByValueKeepsOnlyTheLabelsInUse()
    {
        // Values 0..999 with gaps: rows and columns with no items are dropped.
        int[] t = [.. Enumerable.Range(0, 5000).Select(i => i % 7 * 100)];
        int[] p = [.. Enumerable.Range(0, 5000).Select(i => -(i % 3) * 250)];
        ContingencyTable<int, int> table = ContingencyTable.Create<int, int>(t, p, CountingKernel.DenseByValue);
        Assert.Equal([0, 100, 200, 300, 400, 500, 600], table.RowLabels.ToArray());
        Assert.Equal([-500, -250, 0], table.ColumnLabels.ToArray());
        Assert.Equal(table.ToArray(), ContingencyTable.Create<int, int>(t, p, CountingKernel.SortedKeys).ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(33)]
    [InlineData(257)]
    public void VectorizedMinMaxHandlesEveryLength(int length)
    {
        // Lengths around the vector width, extremes placed in the tail and in the lanes.
        for (int at = 0; at < length; at++)
        {
            long[] values = [.. Enumerable.Range(0, length).Select(i => (long)(i * 31 % 17))];
            values[at] = long.MinValue;
            values[length - 1 - at] = long.MaxValue;
            (long min, long max) = MiFast.Contingency.MinMax.Vectorized<long>(values);
            Assert.Equal(values.Min(), min);
            Assert.Equal(values.Max(), max);
        }
    }
}
