using System.Text.Json;
using MiFast.Tests.Golden;

namespace MiFast.Tests.Cli;

/// <summary><c>--pred-all</c> and parallel predictions: the same bytes as scoring each prediction alone.</summary>
public sealed class BatchScoringTests
{
    [Theory]
    [InlineData("digits.csv", "digit")]
    [InlineData("fashion_mnist.csv.gz", "class")]
    public void PredAllEqualsEachPredictionScoredAlone(string file, string truth)
    {
        string path = ReferenceCase.DataPath(file);
        string all = CliRunner.Ok("score", path, "-t", truth, "--pred-all", "-f", "json");
        Assert.Equal(CliRunner.Ok("score", path, "-t", truth, "-f", "json"), all);

        JsonElement rows = JsonDocument.Parse(all).RootElement;
        string[] header = CliRunner.ReadRows(path)[0];
        Assert.Equal(header.Where(c => c != truth),
            rows.EnumerateArray().Select(r => r.GetProperty("pred").GetString()));
        foreach (JsonElement row in rows.EnumerateArray())
        {
            string alone = CliRunner.Ok("score", path, "-t", truth, "-p", row.GetProperty("pred").GetString()!,
                "-f", "json");
            Assert.Equal(row.ToString(), JsonDocument.Parse(alone).RootElement[0].ToString());
        }
    }

    [Fact]
    public void PredAndPredAllTogetherAreAUsageError()
    {
        (int exit, string stdout, string stderr) = CliRunner.Run(
            "score", ReferenceCase.DataPath("iris.csv"), "-t", "species", "-p", "ward_k3", "--pred-all");
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Equal("mifast: error: --pred and --pred-all cannot be combined: --pred-all already scores every "
            + "column but the truth.\n", stderr);
    }

    [Fact]
    public void QuietSilencesTheSampleNoticeButNotErrors()
    {
        (int exit, _, string stderr) = CliRunner.Run("score", "--quiet", "-f", "csv");
        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        (exit, _, stderr) = CliRunner.Run("score", "-f", "csv");
        Assert.Equal(0, exit);
        Assert.Contains("embedded sample", stderr, StringComparison.Ordinal);

        (exit, _, stderr) = CliRunner.Run("matrix", "-q", Path.Combine("no", "such.csv"), "-m", "rand_score");
        Assert.Equal(1, exit);
        Assert.Contains("no such file", stderr, StringComparison.Ordinal);
    }
}
