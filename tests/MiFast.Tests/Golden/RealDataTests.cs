using System.Globalization;
using System.Text.Json;
using MiFast.Cli;

namespace MiFast.Tests.Golden;

/// <summary>
/// <c>mifast score</c> on every file of ../shared/data (copied to tests/data), every column
/// against the truth, equal to scikit-learn's values in real_data.json: 1e-12, AMI 1e-10.
/// </summary>
public class RealDataTests
{
    private static readonly Lazy<JsonDocument> Reference = new(() =>
        JsonDocument.Parse(File.ReadAllText(ReferenceCase.DataPath("reference", "real_data.json"))));

    private static JsonElement Files => Reference.Value.RootElement.GetProperty("files");

    public static TheoryData<string, string> FilesAndMethods()
    {
        var data = new TheoryData<string, string>();
        foreach (JsonProperty file in Files.EnumerateObject())
        {
            foreach (string method in new[] { "arithmetic", "geometric", "min", "max" }) data.Add(file.Name, method);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FilesAndMethods))]
    public void ScoreCommandMatchesScikitLearn(string name, string method)
    {
        JsonElement file = Files.GetProperty(name);
        string[] predictions = [.. file.GetProperty("vs_truth").EnumerateObject().Select(p => p.Name)];
        List<string> args = ["score", ReferenceCase.DataPath(file.GetProperty("file").GetString()!),
            "--truth", file.GetProperty("truth").GetString()!, "--format", "json", "--average-method", method];
        foreach (string p in predictions) args.AddRange(["--pred", p]);

        JsonElement output = RunJson([.. args]);
        AssertMatches(file, output, method);
    }

    [Fact]
    public void EmbeddedSampleIsPenguinsAgainstEveryOtherColumn()
    {
        JsonElement file = Files.GetProperty("penguins");
        JsonElement output = RunJson(["score", "--format", "json"], out string stderr);
        Assert.Contains("embedded sample", stderr, StringComparison.Ordinal);
        Assert.Equal(file.GetProperty("vs_truth").EnumerateObject().Select(p => p.Name),
            output.EnumerateArray().Select(r => r.GetProperty("pred").GetString()));
        AssertMatches(file, output, "arithmetic");
    }

    internal static JsonElement RunJson(string[] args) => RunJson(args, out _);

    internal static JsonElement RunJson(string[] args, out string stderr)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var errors = new StringWriter(CultureInfo.InvariantCulture);
        int exit = MiFastCommand.Run(args, stdout, errors);
        stderr = errors.ToString();
        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        return JsonDocument.Parse(stdout.ToString()).RootElement.Clone();
    }

    private static void AssertMatches(JsonElement file, JsonElement output, string method)
    {
        JsonElement columns = file.GetProperty("columns");
        string truth = file.GetProperty("truth").GetString()!;
        foreach (JsonElement row in output.EnumerateArray())
        {
            string pred = row.GetProperty("pred").GetString()!;
            JsonElement expected = file.GetProperty("vs_truth").GetProperty(pred);
            Assert.Equal(truth, row.GetProperty("truth").GetString());
            Assert.Equal(file.GetProperty("rows").GetInt64(), row.GetProperty("n_samples").GetInt64());
            Assert.Equal(columns.GetProperty(truth).GetProperty("n_labels").GetInt32(),
                row.GetProperty("n_classes").GetInt32());
            Assert.Equal(columns.GetProperty(pred).GetProperty("n_labels").GetInt32(),
                row.GetProperty("n_clusters").GetInt32());

            void Check(string outputKey, string referenceKey, double tolerance)
            {
                double actual = row.GetProperty(outputKey).GetDouble();
                double wanted = expected.GetProperty(referenceKey).GetDouble();
                Assert.True(ReferenceCase.Within(actual, wanted, tolerance),
                    $"{pred}: {outputKey} = {actual:R}, scikit-learn {wanted:R}");
            }

            Check("mutual_info_score", "mutual_info_score", 1e-12);
            Check("normalized_mutual_info_score", "normalized_mutual_info_score_" + method, 1e-12);
            Check("adjusted_mutual_info_score", "adjusted_mutual_info_score_" + method, 1e-10);
            Check("adjusted_rand_score", "adjusted_rand_score", 1e-12);
            Check("rand_score", "rand_score", 1e-12);
            Check("homogeneity_score", "homogeneity", 1e-12);
            Check("completeness_score", "completeness", 1e-12);
            Check("v_measure_score", "v_measure", 1e-12);
            Check("fowlkes_mallows_score", "fowlkes_mallows_score", 1e-12);
            Assert.True(ReferenceCase.Within(row.GetProperty("entropy_true").GetDouble(),
                columns.GetProperty(truth).GetProperty("entropy").GetDouble(), 1e-12));
            Assert.True(ReferenceCase.Within(row.GetProperty("entropy_pred").GetDouble(),
                columns.GetProperty(pred).GetProperty("entropy").GetDouble(), 1e-12));
        }
    }
}
