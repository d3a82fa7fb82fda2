using FsCheck.Xunit;
using MiFast.Tests.Reference;

namespace MiFast.Tests.Properties;

/// <summary>Laws every score obeys, on generated labelings (fixed seed: a failure replays).</summary>
[Properties(Arbitrary = [typeof(LabelArbitraries)], MaxTest = 300, Replay = "(20261203,1)")]
public class MetricProperties
{
    private static readonly AverageMethod[] Methods = Enum.GetValues<AverageMethod>();

    private static void Close(double expected, double actual, double tolerance, string what)
    {
        double error = Math.Abs(actual - expected);
        Assert.True(error <= tolerance || error <= tolerance * Math.Abs(expected),
            $"{what}: {actual:R}, reference {expected:R}");
    }

    [Property]
    public void EqualsNaiveReference(LabelPair pair)
    {
        NaiveMetrics naive = NaiveMetrics.Of(pair.True, pair.Pred);
        ClusterScores s = ClusterMetrics.Compare<long, long>(pair.True, pair.Pred);
        Close(naive.MutualInfo, s.MutualInfo, 1e-12, "MI");
        Close(naive.EntropyTrue, s.EntropyTrue, 1e-12, "H(U)");
        Close(naive.EntropyPred, s.EntropyPred, 1e-12, "H(V)");
        Close(naive.ExpectedMutualInfo, s.ExpectedMutualInfo, 1e-10, "EMI");
        foreach (AverageMethod m in Methods)
        {
            Close(naive.Nmi(m), s.NormalizedMutualInfoWith(m), 1e-12, $"NMI {m}");
            Close(naive.Ami(m), s.AdjustedMutualInfoWith(m), 1e-9, $"AMI {m}");
        }

        Close(naive.AdjustedRand, s.AdjustedRand, 1e-12, "ARI");
        Close(naive.Rand, s.Rand, 1e-12, "Rand");
        Close(naive.FowlkesMallows, s.FowlkesMallows, 1e-12, "FMI");
        Close(naive.Homogeneity, s.Homogeneity, 1e-12, "homogeneity");
        Close(naive.Completeness, s.Completeness, 1e-12, "completeness");
        Close(naive.VMeasure(1), s.VMeasure, 1e-12, "V");
        Close(naive.VMeasure(0.5), s.VMeasureWith(0.5), 1e-12, "V(0.5)");
        Close(naive.VariationOfInformation, s.VariationOfInformation, 1e-12, "VI");
        long[,] pairs = naive.PairConfusion;
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 2; j++) Assert.Equal((Int128)pairs[i, j], s.PairConfusion[i, j]);
        }
    }

    [Property]
    public void IsSymmetric(LabelPair pair) => AssertSymmetric(
        ClusterMetrics.Compare<long, long>(pair.True, pair.Pred),
        ClusterMetrics.Compare<long, long>(pair.Pred, pair.True));

    /// <summary>Swapping the labelings gives bit-identical symmetric scores, and swaps the others.</summary>
    internal static void AssertSymmetric(ClusterScores f, ClusterScores b)
    {
        Assert.Equal(f.MutualInfo, b.MutualInfo);
        Assert.Equal(f.ExpectedMutualInfo, b.ExpectedMutualInfo);
        foreach (AverageMethod m in Methods)
        {
            Assert.Equal(f.NormalizedMutualInfoWith(m), b.NormalizedMutualInfoWith(m));
            Assert.Equal(f.AdjustedMutualInfoWith(m), b.AdjustedMutualInfoWith(m));
        }

        Assert.Equal(f.AdjustedRand, b.AdjustedRand);
        Assert.Equal(f.Rand, b.Rand);
        Assert.Equal(f.FowlkesMallows, b.FowlkesMallows);
        Assert.Equal(f.VariationOfInformation, b.VariationOfInformation);
        Assert.Equal(f.VMeasure, b.VMeasure);
        Assert.Equal(f.Homogeneity, b.Completeness);
        Assert.Equal(f.EntropyTrue, b.EntropyPred);
    }

    [Property]
    public void IsInvariantUnderRelabeling(LabelPair pair, int salt)
    {
        // A bijection that scrambles the order of the values: x ↦ (x · odd) ^ salt.
        long Relabel(long x) => unchecked(x * (long)0x9E3779B97F4A7C15UL) ^ salt;
        long[] t = [.. pair.True.Select(Relabel)];
        long[] p = [.. pair.Pred.Select(x => ~Relabel(x))];
        AssertSameScores(ClusterMetrics.Compare<long, long>(pair.True, pair.Pred),
            ClusterMetrics.Compare<long, long>(t, p));
    }

    [Property]
    public void IsBounded(LabelPair pair)
    {
        ClusterScores s = ClusterMetrics.Compare<long, long>(pair.True, pair.Pred);
        Assert.InRange(s.MutualInfo, 0, Math.Min(s.EntropyTrue, s.EntropyPred));
        foreach (AverageMethod m in Methods)
        {
            Assert.InRange(s.NormalizedMutualInfoWith(m), 0, 1);
            Assert.True(s.AdjustedMutualInfoWith(m) <= 1);
        }

        Assert.InRange(s.AdjustedRand, -0.5, 1);
        Assert.InRange(s.Rand, 0, 1);
        Assert.InRange(s.FowlkesMallows, 0, 1);
        Assert.InRange(s.Homogeneity, 0, 1);
        Assert.InRange(s.Completeness, 0, 1);
        Assert.InRange(s.VMeasure, 0, 1);
        Assert.True(s.VariationOfInformation >= 0);
        Assert.True(s.ExpectedMutualInfo >= 0);
        Assert.Equal((Int128)pair.N * Math.Max(pair.N - 1, 0), s.PairConfusion.Total);
    }

    [Property]
    public void IdenticalPartitionsScoreOne(LabelPair pair)
    {
        long[] relabeled = [.. pair.True.Select(x => -3 * x + 11)];
        ClusterScores s = ClusterMetrics.Compare<long, long>(pair.True, relabeled);
        Assert.Equal(s.EntropyTrue, s.MutualInfo);
        Assert.Equal(s.EntropyPred, s.MutualInfo);
        foreach (AverageMethod m in Methods)
        {
            Assert.Equal(1.0, s.NormalizedMutualInfoWith(m));
            Assert.Equal(1.0, s.AdjustedMutualInfoWith(m));
        }

        Assert.Equal(1.0, s.AdjustedRand);
        Assert.Equal(1.0, s.Rand);
        Assert.Equal(1.0, s.Homogeneity);
        Assert.Equal(1.0, s.Completeness);
        Assert.Equal(1.0, s.VMeasure);
        Assert.Equal(0.0, s.VariationOfInformation);
        Assert.Equal(s.PairConfusion.C11 == 0 ? 0.0 : 1.0, s.FowlkesMallows);
    }

    [Property]
    public void RefinementsScoreExactlyOne(LabelPair pair)
    {
        // Splitting every class further: homogeneity exactly 1, MI exactly H(U); and swapped.
        string[] refined = [.. pair.True.Zip(pair.Pred, (t, p) => $"{t}/{p % 3}")];
        ClusterScores s = ClusterMetrics.Compare<long, string>(pair.True, refined);
        Assert.Equal(1.0, s.Homogeneity);
        Assert.Equal(s.EntropyTrue, s.MutualInfo);
        Assert.Equal(1.0, ClusterMetrics.CompletenessScore<string, long>(refined, pair.True));
    }

    [Property]
    public void CompareEqualsIndividualCalls(LabelPair pair)
    {
        ReadOnlySpan<long> t = pair.True, p = pair.Pred;
        ClusterScores s = ClusterMetrics.Compare(t, p, AverageMethod.Geometric, 2.0);
        Assert.Equal(ClusterMetrics.MutualInfoScore(t, p), s.MutualInfo);
        Assert.Equal(ClusterMetrics.NormalizedMutualInfoScore(t, p, AverageMethod.Geometric), s.NormalizedMutualInfo);
        Assert.Equal(ClusterMetrics.AdjustedMutualInfoScore(t, p, AverageMethod.Geometric), s.AdjustedMutualInfo);
        Assert.Equal(ClusterMetrics.AdjustedRandScore(t, p), s.AdjustedRand);
        Assert.Equal(ClusterMetrics.RandScore(t, p), s.Rand);
        Assert.Equal(ClusterMetrics.HomogeneityScore(t, p), s.Homogeneity);
        Assert.Equal(ClusterMetrics.CompletenessScore(t, p), s.Completeness);
        Assert.Equal(ClusterMetrics.VMeasureScore(t, p, 2.0), s.VMeasure);
        Assert.Equal(ClusterMetrics.FowlkesMallowsScore(t, p), s.FowlkesMallows);
        Assert.Equal(ClusterMetrics.VariationOfInformation(t, p), s.VariationOfInformation);
        Assert.Equal(ClusterMetrics.PairConfusionMatrix(t, p), s.PairConfusion);
        Assert.Equal(ClusterMetrics.Entropy(t), s.EntropyTrue);
        Assert.Equal(ClusterMetrics.Entropy(p), s.EntropyPred);
    }

    [Property]
    public void StringLabelsEqualTheirIntegerEncodings(LabelPair pair)
    {
        string[] t = [.. pair.True.Select(x => "c" + x.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        string[] p = [.. pair.Pred.Select(x => x.ToString("X", System.Globalization.CultureInfo.InvariantCulture))];
        AssertSameScores(ClusterMetrics.Compare<long, long>(pair.True, pair.Pred),
            ClusterMetrics.Compare<string, string>(t, p));
    }

    [Property]
    public void NarrowIntegerTypesEqualLong(LabelPair pair)
    {
        // Truncating to 16 bits is another labeling; compare its int, short and double forms.
        short[] t16 = [.. pair.True.Select(x => unchecked((short)x))];
        ushort[] p16 = [.. pair.Pred.Select(x => unchecked((ushort)x))];
        ClusterScores reference = ClusterMetrics.Compare<short, ushort>(t16, p16);
        AssertSameScores(reference,
            ClusterMetrics.Compare<int, double>([.. t16.Select(x => (int)x)], [.. p16.Select(x => (double)x)]));
        AssertSameScores(reference,
            ClusterMetrics.Compare<long, ulong>([.. t16.Select(x => (long)x)], [.. p16.Select(x => (ulong)x)]));
    }

    [Property]
    public void CountingKernelsGiveTheSameTable(LabelPair pair, bool narrow)
    {
        // Narrow values exercise the by-value kernel; the extreme ones its fallback.
        long[] t = narrow ? [.. pair.True.Select(x => x % 300)] : pair.True;
        long[] p = narrow ? [.. pair.Pred.Select(x => x % 7)] : pair.Pred;
        ContingencyTable reference = ContingencyTable.Create<long, long>(t, p, CountingKernel.SortedKeys);
        foreach (CountingKernel kernel in Enum.GetValues<CountingKernel>())
        {
            ContingencyTable table = ContingencyTable.Create<long, long>(t, p, kernel);
            Assert.Equal(reference.CellRows.ToArray(), table.CellRows.ToArray());
            Assert.Equal(reference.CellColumns.ToArray(), table.CellColumns.ToArray());
            Assert.Equal(reference.CellCounts.ToArray(), table.CellCounts.ToArray());
            AssertSameScores(ClusterMetrics.Compare(reference), ClusterMetrics.Compare(table));
        }
    }

    [Property]
    public void FromCountsEqualsCountingTheLabels(LabelPair pair, int seed)
    {
        // The GROUP BY of the labels, shuffled and with some groups split in two.
        var groups = pair.True.Zip(pair.Pred).GroupBy(x => x)
            .Select(g => (g.Key.First, g.Key.Second, (long)g.Count())).ToList();
        var random = new Random(seed);
        var triplets = new List<(long T, long P, long C)>();
        foreach ((long t, long p, long c) in groups)
        {
            long part = random.NextInt64(0, c + 1);
            triplets.Add((t, p, part));
            triplets.Add((t, p, c - part));
        }

        triplets = [.. triplets.OrderBy(_ => random.Next())];
        ContingencyTable fromCounts = ContingencyTable.FromCounts<long, long>(
            [.. triplets.Select(x => x.T)], [.. triplets.Select(x => x.P)], [.. triplets.Select(x => x.C)]);
        AssertSameScores(ClusterMetrics.Compare<long, long>(pair.True, pair.Pred), ClusterMetrics.Compare(fromCounts));
    }

    internal static void AssertSameScores(ClusterScores expected, ClusterScores actual)
    {
        Assert.Equal(expected.SampleCount, actual.SampleCount);
        Assert.Equal(expected.ClassCount, actual.ClassCount);
        Assert.Equal(expected.ClusterCount, actual.ClusterCount);
        Assert.Equal(expected.MutualInfo, actual.MutualInfo);
        Assert.Equal(expected.EntropyTrue, actual.EntropyTrue);
        Assert.Equal(expected.EntropyPred, actual.EntropyPred);
        Assert.Equal(expected.ExpectedMutualInfo, actual.ExpectedMutualInfo);
        foreach (AverageMethod m in Methods)
        {
            Assert.Equal(expected.NormalizedMutualInfoWith(m), actual.NormalizedMutualInfoWith(m));
            Assert.Equal(expected.AdjustedMutualInfoWith(m), actual.AdjustedMutualInfoWith(m));
        }

        Assert.Equal(expected.AdjustedRand, actual.AdjustedRand);
        Assert.Equal(expected.Rand, actual.Rand);
        Assert.Equal(expected.FowlkesMallows, actual.FowlkesMallows);
        Assert.Equal(expected.Homogeneity, actual.Homogeneity);
        Assert.Equal(expected.Completeness, actual.Completeness);
        Assert.Equal(expected.VMeasure, actual.VMeasure);
        Assert.Equal(expected.VariationOfInformation, actual.VariationOfInformation);
        Assert.Equal(expected.PairConfusion, actual.PairConfusion);
    }
}
