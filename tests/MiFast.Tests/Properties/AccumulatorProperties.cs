using FsCheck.Xunit;

namespace MiFast.Tests.Properties;

/// <summary>The chunked accumulator against one-shot counting: same table, same bits.</summary>
[Properties(Arbitrary = [typeof(LabelArbitraries)], MaxTest = 200, Replay = "(20261204,1)")]
public class AccumulatorProperties
{
    /// <summary>Cuts the pair into random chunks, one accumulator each, merged in a random tree.</summary>
    private static ContingencyTable<TTrue, TPred> Chunked<TTrue, TPred>(TTrue[] t, TPred[] p, int seed)
        where TTrue : notnull
        where TPred : notnull
    {
        var random = new Random(seed);
        var parts = new List<ContingencyAccumulator<TTrue, TPred>>();
        for (int start = 0; start < t.Length;)
        {
            int length = Math.Min(t.Length - start, random.Next(1, 1 + Math.Max(1, t.Length / 3)));
            var part = new ContingencyAccumulator<TTrue, TPred>();
            part.Add(t.AsSpan(start, length), p.AsSpan(start, length));
            parts.Add(part);
            start += length;
        }

        if (parts.Count == 0) return new ContingencyAccumulator<TTrue, TPred>().ToTable();

        // Merge random pairs until one is left: any order, any tree shape.
        while (parts.Count > 1)
        {
            int a = random.Next(parts.Count), b = random.Next(parts.Count - 1);
            if (b >= a) b++;
            parts[a].Merge(parts[b]);
            parts.RemoveAt(b);
        }

        return parts[0].ToTable();
    }

    internal static void AssertSameTable<TTrue, TPred>(ContingencyTable<TTrue, TPred> expected,
        ContingencyTable<TTrue, TPred> actual)
        where TTrue : notnull
        where TPred : notnull
    {
        Assert.Equal(expected.SampleCount, actual.SampleCount);
        Assert.Equal(expected.RowLabels.ToArray(), actual.RowLabels.ToArray());
        Assert.Equal(expected.ColumnLabels.ToArray(), actual.ColumnLabels.ToArray());
        Assert.Equal(expected.CellRows.ToArray(), actual.CellRows.ToArray());
        Assert.Equal(expected.CellColumns.ToArray(), actual.CellColumns.ToArray());
        Assert.Equal(expected.CellCounts.ToArray(), actual.CellCounts.ToArray());
        ClusterScores e = ClusterMetrics.Compare(expected), a = ClusterMetrics.Compare(actual);
        Assert.Equal(e.MutualInfo, a.MutualInfo);
        Assert.Equal(e.NormalizedMutualInfo, a.NormalizedMutualInfo);
        Assert.Equal(e.AdjustedMutualInfo, a.AdjustedMutualInfo);
        Assert.Equal(e.AdjustedRand, a.AdjustedRand);
        Assert.Equal(e.FowlkesMallows, a.FowlkesMallows);
        Assert.Equal(e.VMeasure, a.VMeasure);
        Assert.Equal(e.VariationOfInformation, a.VariationOfInformation);
    }

    [Property]
    public void ChunkedAndMergedInAnyOrderEqualsOneShot(LabelPair pair) => AssertSameTable(
        ContingencyTable.Create<long, long>(pair.True, pair.Pred), Chunked(pair.True, pair.Pred, pair.Seed));

    [Property]
    public void StringLabelsToo(LabelPair pair)
    {
        string[] t = [.. pair.True.Select(v => "c" + v)];
        string[] p = [.. pair.Pred.Select(v => "k" + v)];
        AssertSameTable(ContingencyTable.Create<string, string>(t, p), Chunked(t, p, pair.Seed ^ 0x5bd1));
    }

    [Property]
    public void CountsAddUpLikeLabels(LabelPair pair)
    {
        // Each item as a triplet with count 1, then the whole table again: every count doubles.
        var acc = new ContingencyAccumulator<long, long>();
        acc.AddCounts(pair.True, pair.Pred, Enumerable.Repeat(1L, pair.N).ToArray());
        acc.Merge(acc);
        long[] t = [.. pair.True, .. pair.True], p = [.. pair.Pred, .. pair.Pred];
        AssertSameTable(ContingencyTable.Create<long, long>(t, p), acc.ToTable());
        Assert.Equal(2L * pair.N, acc.SampleCount);
    }

    [Fact]
    public void ManyChunksOfSingletonsCompactToTheOneShotTable()
    {
        // 300,000 distinct predicted labels in 150 chunks: the pending cells compact many times.
        const int n = 300_000;
        var random = new Random(7);
        int[] t = [.. Enumerable.Range(0, n).Select(_ => random.Next(50))];
        int[] p = [.. Enumerable.Range(0, n).OrderBy(_ => random.Next())];
        var acc = new ContingencyAccumulator<int, int>();
        for (int start = 0; start < n; start += 2000) acc.Add(t.AsSpan(start, 2000), p.AsSpan(start, 2000));
        AssertSameTable(ContingencyTable.Create<int, int>(t, p), acc.ToTable());
    }

    [Fact]
    public void EmptyAccumulatorIsTheEmptyTable()
    {
        var acc = new ContingencyAccumulator<int, string>();
        acc.Add(ReadOnlySpan<int>.Empty, ReadOnlySpan<string>.Empty);
        ContingencyTable<int, string> table = acc.ToTable();
        Assert.Equal(0, table.SampleCount);
        Assert.Equal(0, table.RowCount);
        Assert.Equal(0.0, ClusterMetrics.MutualInfoScore(table));
    }

    [Fact]
    public void RejectsMismatchedChunksAndOverflow()
    {
        var acc = new ContingencyAccumulator<int, int>();
        Assert.Throws<ArgumentException>(() => acc.Add([1, 2], [1]));
        acc.AddCounts([1], [1], [long.MaxValue - 1]);
        Assert.Throws<ArgumentException>(() => acc.AddCounts([2], [2], [2]));
        Assert.Equal(long.MaxValue - 1, acc.SampleCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => acc.AddCounts([2], [2], [-1]));
    }
}
