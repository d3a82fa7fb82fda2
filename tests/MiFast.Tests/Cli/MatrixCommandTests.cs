using System.Globalization;
using System.Text.Json;
using MiFast.Tests.Golden;

namespace MiFast.Tests.Cli;

/// <summary><c>mifast matrix</c>: every cell equals the score of that pair by <c>mifast score</c>.</summary>
public sealed class MatrixCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mifast-matrix-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly string Digits = ReferenceCase.DataPath("digits.csv");

    private static readonly string[] DigitsColumns = ["digit", "kmeans_k10", "kmeans_k20", "ward_k10",
        "gmm_full_k10_pca30"];

    private static double ScoreOf(string truth, string pred, string key, params string[] extra)
    {
        string json = CliRunner.Ok(["score", Digits, "-t", truth, "-p", pred, "-f", "json", .. extra]);
        return JsonDocument.Parse(json).RootElement[0].GetProperty(key).GetDouble();
    }

    [Theory]
    [InlineData("adjusted_mutual_info_score", true)]
    [InlineData("adjusted_rand_score", true)]
    [InlineData("variation_of_information", true)]
    [InlineData("homogeneity_score", false)]
    [InlineData("completeness_score", false)]
    public void EveryCellIsThePairsScoreRowAsTruth(string metric, bool symmetric)
    {
        JsonElement matrix = JsonDocument.Parse(CliRunner.Ok("matrix", Digits, "--metric", metric, "-f", "json"))
            .RootElement;
        Assert.Equal(metric, matrix.GetProperty("metric").GetString());
        Assert.Equal(symmetric, matrix.GetProperty("symmetric").GetBoolean());
        Assert.Equal(symmetric ? "labeling" : "truth", matrix.GetProperty("rows").GetString());
        Assert.Equal(DigitsColumns, matrix.GetProperty("labelings").EnumerateArray().Select(e => e.GetString()));
        double[][] values = [.. matrix.GetProperty("matrix").EnumerateArray()
            .Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray())];
        for (int i = 0; i < DigitsColumns.Length; i++)
        {
            for (int j = 0; j < DigitsColumns.Length; j++)
            {
                if (i == j) continue;
                Assert.Equal(ScoreOf(DigitsColumns[i], DigitsColumns[j], metric), values[i][j]);
                if (symmetric) Assert.Equal(values[i][j], values[j][i]);
            }
        }

        Assert.NotEqual(symmetric, Enumerable.Range(0, 5).Any(i => Enumerable.Range(0, 5).Any(j =>
            values[i][j] != values[j][i])));
    }

    [Fact]
    public void DiagonalFollowsEachMetricsDefinition()
    {
        double[] Diagonal(string metric)
        {
            JsonElement m = JsonDocument.Parse(CliRunner.Ok("matrix", Digits, "-m", metric, "-f", "json"))
                .RootElement.GetProperty("matrix");
            return [.. Enumerable.Range(0, 5).Select(i => m[i][i].GetDouble())];
        }

        Assert.All(Diagonal("adjusted_mutual_info_score"), v => Assert.Equal(1.0, v));
        Assert.All(Diagonal("adjusted_rand_score"), v => Assert.Equal(1.0, v));
        Assert.All(Diagonal("variation_of_information"), v => Assert.Equal(0.0, v));
        double[] mi = Diagonal("mutual_info_score");
        for (int i = 0; i < 5; i++)
        {
            string other = DigitsColumns[(i + 1) % 5];
            Assert.Equal(ScoreOf(DigitsColumns[i], other, "entropy_true"), mi[i]);
        }
    }

    [Fact]
    public void VMeasureIsSymmetricOnlyWithBetaOne()
    {
        JsonElement one = JsonDocument.Parse(CliRunner.Ok("matrix", Digits, "-m", "v_measure_score", "-f", "json"))
            .RootElement;
        Assert.True(one.GetProperty("symmetric").GetBoolean());
        JsonElement two = JsonDocument.Parse(CliRunner.Ok("matrix", Digits, "-m", "v_measure_score", "-f", "json",
            "--beta", "2")).RootElement;
        Assert.False(two.GetProperty("symmetric").GetBoolean());
        Assert.Equal(ScoreOf("kmeans_k20", "digit", "v_measure_score", "--beta", "2"),
            two.GetProperty("matrix")[2][0].GetDouble());
    }

    [Fact]
    public void CsvAndTableShapes()
    {
        string csv = CliRunner.Ok("matrix", Digits, "--cols", "digit,ward_k10", "-c", "kmeans_k10",
            "-m", "homogeneity_score", "-f", "csv");
        string[] lines = csv.TrimEnd().Split('\n');
        Assert.Equal(["truth\\pred,digit,ward_k10,kmeans_k10", "digit,1,", "ward_k10,", "kmeans_k10,"],
            lines.Select((l, k) => k == 0 ? l : l[..(l.IndexOf(',', StringComparison.Ordinal) + (k == 1 ? 3 : 1))]));
        double h = ScoreOf("ward_k10", "kmeans_k10", "homogeneity_score");
        Assert.EndsWith("," + h.ToString("R", CultureInfo.InvariantCulture), lines[2], StringComparison.Ordinal);

        string table = CliRunner.Ok("matrix", Digits, "--cols", "digit,ward_k10", "-m", "adjusted_rand_score");
        Assert.StartsWith("adjusted_rand_score (symmetric)", table, StringComparison.Ordinal);
        Assert.Contains("0.794003", table, StringComparison.Ordinal);
        string asymmetric = CliRunner.Ok("matrix", Digits, "--cols", "digit,ward_k10", "-m", "completeness_score");
        Assert.StartsWith("completeness_score (rows are the truth, columns the prediction)", asymmetric,
            StringComparison.Ordinal);
    }

    [Fact]
    public void OutputFileHoldsExactlyWhatStdoutWould()
    {
        string target = Path.Combine(_dir, "m.json");
        (int exit, string stdout, _) = CliRunner.Run("matrix", Digits, "-m", "rand_score", "-f", "json", "-o", target);
        Assert.Equal(0, exit);
        Assert.Equal("", stdout);
        Assert.Equal(CliRunner.Ok("matrix", Digits, "-m", "rand_score", "-f", "json"), File.ReadAllText(target));
    }

    [Fact]
    public void BadMetricIsAUsageErrorListingTheMetrics()
    {
        (int exit, string stdout, string stderr) = CliRunner.Run("matrix", Digits, "-m", "ami");
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.StartsWith("mifast: error: unknown metric 'ami'; the metrics are: mutual_info_score, ", stderr,
            StringComparison.Ordinal);
    }

    [Fact]
    public void MissingMetricIsAUsageError()
    {
        (int exit, _, string stderr) = CliRunner.Run("matrix", Digits);
        Assert.Equal(2, exit);
        Assert.Contains("--metric", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownColumnIsADataErrorListingTheColumns()
    {
        (int exit, _, string stderr) = CliRunner.Run("matrix", Digits, "--cols", "digit,nope", "-m", "rand_score");
        Assert.Equal(1, exit);
        Assert.Equal($"mifast: error: {Digits}: no column 'nope'; the columns are: "
            + string.Join(", ", DigitsColumns) + ".\n", stderr);
    }

    [Theory]
    [InlineData("digit", "a matrix needs at least two columns", 1)]
    [InlineData("digit,digit", "--cols names a column more than once", 2)]
    [InlineData("digit,,ward_k10", "--cols has an empty column name", 2)]
    public void BadColumnLists(string cols, string message, int code)
    {
        (int exit, _, string stderr) = CliRunner.Run("matrix", Digits, "--cols", cols, "-m", "rand_score");
        Assert.Equal(code, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }
}
