using System.Text.Json;
using MiFast.Analysis;
using MiFast.Cli.Input;
using MiFast.Tests.Golden;
using LabelColumn = MiFast.Cli.Input.LabelColumn;

namespace MiFast.Tests.Analysis;

/// <summary>Contributions, log bases, the G-test and the Miller–Madow correction.</summary>
public class InformationAnalysisTests
{
    public static TheoryData<string> RealFiles()
    {
        using JsonDocument reference = JsonDocument.Parse(File.ReadAllText(
            ReferenceCase.DataPath("reference", "real_data.json")));
        var data = new TheoryData<string>();
        foreach (JsonProperty file in reference.RootElement.GetProperty("files").EnumerateObject())
        {
            data.Add(file.Name);
        }

        return data;
    }

    /// <summary>Σ c_ij = MI within 1e-12, on every real labeling, every column against the truth.</summary>
    [Theory]
    [MemberData(nameof(RealFiles))]
    public void ContributionsSumToMutualInfo(string name)
    {
        using JsonDocument reference = JsonDocument.Parse(File.ReadAllText(
            ReferenceCase.DataPath("reference", "real_data.json")));
        JsonElement file = reference.RootElement.GetProperty("files").GetProperty(name);
        string truth = file.GetProperty("truth").GetString()!;
        IReadOnlyList<LabelColumn> columns = LabelColumns.ReadFile(
            ReferenceCase.DataPath(file.GetProperty("file").GetString()!), null, truth, out _);
        LabelColumn truthColumn = columns.Single(c => c.Name == truth);
        foreach (JsonProperty pred in file.GetProperty("vs_truth").EnumerateObject())
        {
            LabelColumn column = columns.Single(c => c.Name == pred.Name);
            ContingencyTable<int, int> table = ContingencyTable.Create<int, int>(truthColumn.Codes, column.Codes);
            var contributions = MutualInfoContributions<int, int>.Compute(table);
            double sum = NeumaierSum(contributions.Cells.Select(c => c.Contribution));
            double mi = ClusterMetrics.MutualInfoScore(table);
            Assert.True(Math.Abs(sum - mi) <= 1e-12, $"{name}/{pred.Name}: Σ c = {sum:R}, MI = {mi:R}");
            double sklearn = pred.Value.GetProperty("mutual_info_score").GetDouble();
            Assert.True(Math.Abs(sum - sklearn) <= 1e-12, $"{name}/{pred.Name}: Σ c = {sum:R}, sklearn {sklearn:R}");
            Assert.Equal(contributions.MutualInfo, mi);
        }
    }

    internal static double NeumaierSum(IEnumerable<double> values)
    {
        double sum = 0, compensation = 0;
        foreach (double v in values)
        {
            double t = sum + v;
            compensation += Math.Abs(sum) >= Math.Abs(v) ? (sum - t) + v : (v - t) + sum;
            sum = t;
        }

        return sum + compensation;
    }

    [Fact]
    public void ContributionsHaveTheSignOfTheDeviationFromIndependence()
    {
        // 2x2: [[3, 1], [1, 3]]: diagonal cells co-occur more than independence predicts (2 each).
        var table = ContingencyTable.FromCounts<string, string>(["a", "a", "b", "b"], ["x", "y", "x", "y"],
            [3L, 1L, 1L, 3L]);
        var c = MutualInfoContributions<string, string>.Compute(table);
        double[,] m = c.ToArray();
        Assert.Equal(3.0 / 8 * Math.Log(1.5), m[0, 0], 15);
        Assert.Equal(1.0 / 8 * Math.Log(0.5), m[0, 1], 15);
        Assert.True(m[0, 0] > 0 && m[1, 1] > 0 && m[0, 1] < 0 && m[1, 0] < 0);
        Assert.Equal(["a", "b"], c.RowLabels.ToArray());
        Assert.Equal(["x", "y"], c.ColumnLabels.ToArray());
        Assert.Equal((0, 0), (c.ByMagnitude()[0].Row, c.ByMagnitude()[0].Column));
        Assert.Equal("b", c.ByMagnitude()[1].RowLabel);

        // Independent cells contribute exactly 0.
        var independent = ContingencyTable.FromCounts<int, int>([0, 0, 1, 1], [0, 1, 0, 1], [2L, 2L, 4L, 4L]);
        Assert.All(MutualInfoContributions<int, int>.Compute(independent).Cells, cell => Assert.Equal(0.0,
            cell.Contribution));

        // In bits: each contribution divided by ln 2.
        var bits = MutualInfoContributions<string, string>.Compute(table, LogBase.Two);
        Assert.Equal(m[0, 0] / Math.Log(2), bits.Cells[0].Contribution, 15);
        Assert.Equal(ClusterMetrics.MutualInfoScore(table) / Math.Log(2), bits.MutualInfo, 15);
    }

    [Fact]
    public void LogBaseConvertsFromNats()
    {
        Assert.True(LogBase.TryParse("e", out LogBase e));
        Assert.Equal(0.123456789, e.FromNats(0.123456789));
        Assert.True(LogBase.TryParse("2", out LogBase two));
        Assert.Equal("bits", two.Unit);
        Assert.Equal(1.0, two.FromNats(Math.Log(2)), 15);
        Assert.True(LogBase.TryParse("10", out LogBase ten));
        Assert.Equal(2.0, ten.FromNats(Math.Log(100)), 15);
        Assert.True(LogBase.TryParse("3", out LogBase three));
        Assert.Equal(1.0, three.FromNats(Math.Log(3)), 15);
        foreach (string bad in new[] { "1", "0", "-2", "x", "inf", "NaN", "" })
        {
            Assert.False(LogBase.TryParse(bad, out _), bad);
        }

        // Entropy of a fair coin is one bit.
        double h = ClusterMetrics.Entropy<int>([0, 1, 0, 1]);
        Assert.Equal(1.0, LogBase.Two.FromNats(h), 15);
    }

    [Theory]
    [InlineData(3.841458820694124, 1, 0.05)]
    [InlineData(6.6348966010212145, 1, 0.01)]
    [InlineData(5.991464547107979, 2, 0.05)]
    [InlineData(18.307038053275146, 10, 0.05)]
    [InlineData(0.454936423119572, 1, 0.5)]
    public void ChiSquaredTailMatchesKnownQuantiles(double x, long df, double p) =>
        Assert.True(Math.Abs(IndependenceTest.ChiSquaredUpperTail(x, df) - p) <= 1e-12 * p + 1e-15,
            $"Q({x}, {df}) = {IndependenceTest.ChiSquaredUpperTail(x, df):R}");

    [Fact]
    public void ChiSquaredTailFarOutIsNotZero()
    {
        // df = 2: P(χ² ≥ x) = exp(−x/2) exactly; 1 − CDF would be 0 here.
        Assert.Equal(Math.Exp(-400), IndependenceTest.ChiSquaredUpperTail(800, 2), 1e-12 * Math.Exp(-400));
        Assert.Equal(1.0, IndependenceTest.ChiSquaredUpperTail(0, 3));
        Assert.Equal(0.0, IndependenceTest.ChiSquaredUpperTail(double.PositiveInfinity, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => IndependenceTest.ChiSquaredUpperTail(-1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => IndependenceTest.ChiSquaredUpperTail(1, 0));
    }

    [Fact]
    public void GTestIsTwoNTimesMutualInfo()
    {
        // A 2x3 table: df = 2, so p = exp(−G/2) exactly.
        var table = ContingencyTable.FromCounts<int, int>([0, 0, 0, 1, 1, 1], [0, 1, 2, 0, 1, 2],
            [10L, 20L, 30L, 25L, 15L, 10L]);
        GTestResult g = IndependenceTest.GTest(table);
        double expectedG = 2 * 110 * ClusterMetrics.MutualInfoScore(table);
        Assert.Equal(expectedG, g.G);
        Assert.Equal(2, g.DegreesOfFreedom);
        Assert.True(Math.Abs(g.PValue - Math.Exp(-g.G / 2)) <= 1e-13 * g.PValue, $"{g.PValue:R}");

        // Written out: G = 2 Σ n_ij ln(n n_ij / (a_i b_j)).
        long[,] n = { { 10, 20, 30 }, { 25, 15, 10 } };
        long[] a = [60, 50], b = [35, 35, 40];
        double direct = 0;
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 3; j++) direct += 2 * n[i, j] * Math.Log(110.0 * n[i, j] / (a[i] * b[j]));
        }

        Assert.Equal(direct, g.G, 1e-12);

        // A constant side: df = 0, G = 0, p = 1.
        GTestResult constant = IndependenceTest.GTest(ContingencyTable.Create<int, int>([1, 1, 1], [0, 1, 2]));
        Assert.Equal(new GTestResult(0, 0, 1), constant);
    }

    [Fact]
    public void MillerMadowAddsTheBinCorrections()
    {
        int[] t = [0, 0, 0, 1, 1, 2, 2, 2, 2, 1];
        int[] p = [0, 0, 1, 1, 1, 2, 2, 0, 2, 1];
        ContingencyTable<int, int> table = ContingencyTable.Create<int, int>(t, p);
        int n = t.Length;

        // Plug-in entropies written out, then each corrected by (m − 1) / (2n).
        double hu = ClusterMetrics.Entropy<int>(t), hv = ClusterMetrics.Entropy<int>(p);
        double huv = ClusterMetrics.Entropy<int>([.. t.Zip(p, (x, y) => x * 10 + y)]);
        int cells = t.Zip(p, (x, y) => x * 10 + y).Distinct().Count();
        double expected = (hu + (3 - 1) / (2.0 * n)) + (hv + (3 - 1) / (2.0 * n)) - (huv + (cells - 1) / (2.0 * n));
        Assert.Equal(expected, MillerMadow.MutualInfo(table), 1e-14);
        Assert.Equal(hu + 0.1, MillerMadow.EntropyTrue(table), 1e-15);
        Assert.Equal(hv + 0.1, MillerMadow.EntropyPred(table), 1e-15);
        Assert.Equal(0.0, MillerMadow.MutualInfo(ContingencyTable.Create<int, int>([], [])));
    }
}
