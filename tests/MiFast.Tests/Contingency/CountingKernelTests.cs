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

    /// <summary>Shapes with a singleton side: all-unique truth, all-unique prediction (sorted,
    /// shuffled, with gaps, negative), both, and tiny n.</summary>
    public static TheoryData<string, int, int> SingletonShapes() => new()
    {
        { "rows", 100_000, 37 },
        { "columns", 100_000, 1000 },
        { "both", 50_000, 0 },
        { "rows", 2, 1 },
        { "columns", 1, 1 },
        { "columns", 3, 1 },
    };

    [Theory]
    [MemberData(nameof(SingletonShapes))]
    public void SingletonSideGivesTheCountedTableAndBitIdenticalScores(string side, int n, int k)
    {
        // A shuffled permutation with gaps for the singleton side, k classes for the other.
        var random = new Random(n + k);
        long[] unique = [.. Enumerable.Range(0, n).Select(i => 3L * i - n).OrderBy(_ => random.Next())];
        long[] few = [.. Enumerable.Range(0, n).Select(_ => (long)random.Next(Math.Max(1, k)))];
        long[] t = side == "columns" ? few : unique;
        long[] p = side switch { "rows" => few, "columns" => unique, _ => [.. unique.Reverse()] };

        ContingencyTable reference = ContingencyTable.Create<long, long>(t, p, CountingKernel.RowBuckets);
        ContingencyTable singleton = ContingencyTable.Create<long, long>(t, p, CountingKernel.SingletonSide);
        ContingencyTable auto = ContingencyTable.Create<long, long>(t, p);

        // Scores first (before anything lays the cells out), then the table itself.
        Properties.MetricProperties.AssertSameScores(ClusterMetrics.Compare(reference),
            ClusterMetrics.Compare(singleton));
        Properties.MetricProperties.AssertSameScores(ClusterMetrics.Compare(reference), ClusterMetrics.Compare(auto));
        Assert.Equal(ClusterMetrics.ExpectedMutualInformation(reference),
            ClusterMetrics.ExpectedMutualInformation(singleton));
        foreach (ContingencyTable table in new[] { singleton, auto })
        {
            Assert.Equal(reference.RowSums.ToArray(), table.RowSums.ToArray());
            Assert.Equal(reference.ColumnSums.ToArray(), table.ColumnSums.ToArray());
            Assert.Equal(reference.CellRows.ToArray(), table.CellRows.ToArray());
            Assert.Equal(reference.CellColumns.ToArray(), table.CellColumns.ToArray());
            Assert.Equal(reference.CellCounts.ToArray(), table.CellCounts.ToArray());
            Assert.Equal(reference[0, 0], table[0, 0]);
            Assert.Equal(reference[table.RowCount - 1, table.ColumnCount - 1],
                table[table.RowCount - 1, table.ColumnCount - 1]);
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(64, 64)]
    [InlineData(65, 130)]
    [InlineData(10_000, 5_000)]
    [InlineData(10_000, 19_999)]
    public void RankedBitmapCodesAreTheRanksOfTheSortedDistinctValues(int n, int range)
    {
        // Keys with gaps across word boundaries, and a full range (every key present).
        var random = new Random(n * 31 + range);
        long[] labels =
            [.. Enumerable.Range(0, n).Select(i => i < range && n >= range ? i - 7L : random.Next(range) - 7L)];
        var codes = new int[n];
        long[] values = MiFast.Contingency.LabelEncoder
            .EncodeKeys<long, MiFast.Contingency.Int64Key>(labels, codes).Values;
        long[] sorted = [.. labels.Distinct().Order()];
        Assert.Equal(sorted, values);
        for (int i = 0; i < n; i++) Assert.Equal(Array.BinarySearch(sorted, labels[i]), codes[i]);
    }

    /// <summary>Orders that make the by-value table grow block after block (ascending,
    /// descending, both ways at once, late outliers), or outgrow its limit late.</summary>
    public static TheoryData<string> GrowingShapes() =>
        ["ascending", "descending", "outward", "late-outlier", "too-wide-late", "ulong-extremes"];

    [Theory]
    [MemberData(nameof(GrowingShapes))]
    public void ByValueTablesThatGrowCountTheSameTable(string shape)
    {
        const int n = 300_000;
        long[] t = new long[n], p = new long[n];
        for (int i = 0; i < n; i++)
        {
            (t[i], p[i]) = shape switch
            {
                "ascending" => (i / 1000L, i % 7L),
                "descending" => (-i / 700L, i / 5000L),
                "outward" => (i % 2 == 0 ? i / 2000L : -i / 3000L, (i * 7919L) % 97 - i / 10_000),
                "late-outlier" => (i % 50L + (i == n - 3 ? 60_000 : 0), i % 3L),
                "too-wide-late" => (i < n - 10 ? i % 100L : 5_000_000L, i % 50L),
                _ => (i % 3L, i % 5L),
            };
        }

        if (shape == "ulong-extremes")
        {
            ulong[] ut = [.. t.Select(v => ulong.MaxValue - (ulong)v)], up = [.. p.Select(v => (ulong)v)];
            AssertAllWorkerCountsMatch(ut, up);
            return;
        }

        AssertAllWorkerCountsMatch(t, p);
    }

    private static void AssertAllWorkerCountsMatch<T>(T[] t, T[] p)
        where T : notnull
    {
        ContingencyTable<T, T> reference = ContingencyTable.Create<T, T>(t, p, CountingKernel.SortedKeys);
        foreach (int workers in new[] { 1, 2, 8 })
        {
            ContingencyTable<T, T> table = ContingencyTable.Create<T, T>(t, p, CountingKernel.DenseByValue, workers);
            Assert.Equal(reference.RowLabels.ToArray(), table.RowLabels.ToArray());
            Assert.Equal(reference.ColumnLabels.ToArray(), table.ColumnLabels.ToArray());
            Assert.Equal(reference.CellRows.ToArray(), table.CellRows.ToArray());
            Assert.Equal(reference.CellColumns.ToArray(), table.CellColumns.ToArray());
            Assert.Equal(reference.CellCounts.ToArray(), table.CellCounts.ToArray());
        }
    }

    /// <summary>Regression: every item its own row against a few columns whose range had slack
    /// (columns 0, 1, 2 in the first blocks, so width 4). When the growing rows forced the width
    /// back to 3, the columns kept their old range of 4 and moving the counts ran out of the table
    /// (ArgumentOutOfRangeException; seen on unicode.csv.gz, codepoint against age).</summary>
    [Theory]
    [InlineData(300_000)]
    [InlineData(1_114_112)]
    public void ByValueShrinksTheSideThatDidNotGrow(int n)
    {
        int[] t = [.. Enumerable.Range(0, n)];
        int[] p = [.. Enumerable.Range(0, n).Select(i => i < 3 * 4096 ? i / 4096 : i % 2)];
        AssertAllWorkerCountsMatch(t, p);
        AssertAllWorkerCountsMatch(p, t);
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
