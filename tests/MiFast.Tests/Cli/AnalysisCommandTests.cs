using System.Globalization;
using System.Text.Json;
using MiFast.Analysis;
using MiFast.Cli;
using MiFast.Tests.Golden;

namespace MiFast.Tests.Cli;

/// <summary><c>mifast contributions</c>, <c>noise</c>, <c>threshold</c> and <c>--log-base</c>.</summary>
public sealed class AnalysisCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mifast-analysis-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string content)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int exit = MiFastCommand.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public static TheoryData<string> AnalysisCommands => ["contributions", "noise", "threshold", "report"];

    [Theory]
    [MemberData(nameof(AnalysisCommands))]
    public void QuietSilencesTheNoticesOfEveryAnalysisCommand(string name)
    {
        string classifier = ReferenceCase.DataPath(Path.Combine("generated", "classifier.csv"));
        string html = Path.Combine(_dir, "report.html");
        string[] args = name switch
        {
            "threshold" => [name, classifier, "-s", "score", "-l", "label"],
            "report" => [name, "-o", html],
            _ => [name],
        };

        // Without -q: the embedded-sample notice, the positive class, the report's size.
        (int exit, string stdout, string stderr) = Run(args);
        Assert.Equal(0, exit);
        Assert.StartsWith("mifast: ", stderr, StringComparison.Ordinal);

        // With -q (after the command, or before it): the same results, nothing on stderr.
        foreach (string[] quiet in (string[][])[[.. args, "-q"], ["--quiet", .. args]])
        {
            (int quietExit, string quietStdout, string quietStderr) = Run(quiet);
            Assert.Equal(0, quietExit);
            Assert.Equal(stdout, quietStdout);
            Assert.Equal("", quietStderr);
        }

        if (name == "report") Assert.True(File.Exists(html));
    }

    [Theory]
    [InlineData("contributions", "Arrow")]
    [InlineData("noise", "NumPy .npy")]
    [InlineData("threshold", "Parquet")]
    [InlineData("report", "Arrow")]
    [InlineData("--counts", "Parquet")]
    public async Task BinaryFormatsOutsideScoreAreRefusedByName(string name, string format)
    {
        // Before: read as text, they failed with "not UTF-8 text", which told nothing.
        TestColumn[] iris = LabelFileWriters.ReadCsv(ReferenceCase.DataPath("iris.csv"));
        string path = Path.Combine(_dir, format switch
        {
            "Parquet" => "iris.parquet",
            "Arrow" => "iris.arrow",
            _ => "iris.npy",
        });
        if (format == "Parquet") await LabelFileWriters.WriteParquet(path, iris, rowGroupRows: 50);
        else if (format == "Arrow") LabelFileWriters.WriteArrow(path, iris, 50, LabelFileWriters.ArrowKind.File);
        else LabelFileWriters.WriteNpy(path, [.. LabelFileWriters.Factorized(iris).Select(c => c.Integers!
            .Select(v => v!.Value).ToArray())]);
        string[] args = name switch
        {
            "threshold" => [name, path, "-s", "kmeans_k3", "-l", "species"],
            "report" => [name, path, "-t", "species", "-p", "kmeans_k3", "-o", Path.Combine(_dir, "r.html")],
            "--counts" => ["score", "--counts", path, "-t", "species", "-p", "kmeans_k3", "--count", "ward_k3"],
            _ => [name, path, "-t", "species", "-p", "kmeans_k3"],
        };
        if (name == "noise") args = [name, path, "-t", "0"];

        (int exit, string stdout, string stderr) = Run(args);
        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        string reader = name == "--counts" ? "--counts" : "this command";
        Assert.Equal($"mifast: error: {path}: a {format} file; {reader} reads CSV/TSV only (optionally gzip); "
            + "mifast score and mifast matrix read Parquet, Arrow and .npy label files.\n", stderr);
        Assert.False(File.Exists(Path.Combine(_dir, "r.html")));
    }

    [Fact]
    public void ContributionsJsonSumsToTheScoreCommandsMutualInfo()
    {
        string iris = ReferenceCase.DataPath("iris.csv");
        JsonElement c = RealDataTests.RunJson(
            ["contributions", iris, "-t", "species", "-p", "kmeans_k3", "-f", "json"]);
        double mi = RealDataTests.RunJson(["score", iris, "-t", "species", "-p", "kmeans_k3", "-f", "json"])[0]
            .GetProperty("mutual_info_score").GetDouble();
        Assert.Equal(mi, c.GetProperty("mutual_info_score").GetDouble());
        double sum = c.GetProperty("cells").EnumerateArray().Sum(cell => cell.GetProperty("contribution").GetDouble());
        Assert.Equal(mi, sum, 1e-12);
        Assert.Equal(150, c.GetProperty("cells").EnumerateArray().Sum(cell => cell.GetProperty("count").GetInt64()));
        Assert.Equal(["setosa", "versicolor", "virginica"],
            c.GetProperty("rows").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(2 * 150 * mi, c.GetProperty("g_statistic").GetDouble(), 1e-9);
        Assert.Equal(4, c.GetProperty("degrees_of_freedom").GetInt64());
    }

    [Fact]
    public void ContributionsTableListsLargestMagnitudeFirst()
    {
        string path = Write("t.csv", "t,p\na,x\na,x\na,x\na,y\nb,y\nb,y\nb,y\nb,x\nb,y\n");
        (int exit, string stdout, string stderr) = Run("contributions", path, "-t", "t", "-p", "p");
        Assert.True(exit == 0, stderr);
        string[] lines = [.. stdout.Split('\n').Where(l => l.Contains("  a  ", StringComparison.Ordinal)
            || l.Contains("  b  ", StringComparison.Ordinal))];
        double[] values = [.. lines.Select(l => double.Parse(
            l.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1], CultureInfo.InvariantCulture))];
        Assert.Equal(4, values.Length);
        Assert.Equal(values.OrderByDescending(Math.Abs), values);
        Assert.Contains("G-test", stdout, StringComparison.Ordinal);
        Assert.Contains("Miller-Madow", stdout, StringComparison.Ordinal);

        (exit, stdout, _) = Run("contributions", path, "-t", "t", "-p", "p", "-f", "csv");
        Assert.Equal(0, exit);
        Assert.StartsWith("truth,pred,count,expected_count,contribution", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void LogBaseConvertsEveryInformationQuantity()
    {
        string iris = ReferenceCase.DataPath("iris.csv");
        JsonElement nats = RealDataTests.RunJson(["score", iris, "-t", "species", "-p", "kmeans_k3", "-f", "json"])[0];
        JsonElement bits = RealDataTests.RunJson(["score", iris, "-t", "species", "-p", "kmeans_k3", "-f", "json",
            "--log-base", "2"])[0];
        string[] informationKeys = ["mutual_info_score", "entropy_true", "entropy_pred", "variation_of_information"];
        foreach (string key in informationKeys)
        {
            Assert.Equal(nats.GetProperty(key).GetDouble() / Math.Log(2), bits.GetProperty(key).GetDouble(), 1e-15);
        }

        Assert.Equal(nats.GetProperty("adjusted_mutual_info_score").GetDouble(),
            bits.GetProperty("adjusted_mutual_info_score").GetDouble());
        (int exit, string table, _) = Run("score", iris, "-t", "species", "-p", "kmeans_k3", "--log-base", "10");
        Assert.Equal(0, exit);
        Assert.Contains("mutual information (hartleys)", table, StringComparison.Ordinal);

        JsonElement c = RealDataTests.RunJson(["contributions", iris, "-t", "species", "-p", "kmeans_k3", "-f", "json",
            "--log-base", "2"]);
        Assert.Equal("bits", c.GetProperty("unit").GetString());
        Assert.Equal(nats.GetProperty("mutual_info_score").GetDouble() / Math.Log(2),
            c.GetProperty("mutual_info_score").GetDouble(), 1e-15);

        foreach (string bad in new[] { "1", "0", "-1", "two" })
        {
            (exit, _, string stderr) = Run("score", iris, "-t", "species", "--log-base", bad);
            Assert.Equal(2, exit);
            Assert.Contains("--log-base", stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NoiseOnTheSampleHoldsItsReferenceRows()
    {
        JsonElement r = RealDataTests.RunJson(["noise", "-f", "json", "-r", "3"], out string stderr);
        Assert.Contains("embedded sample", stderr, StringComparison.Ordinal);
        double h = r.GetProperty("entropy_true").GetDouble();
        JsonElement permuted = r.GetProperty("references").EnumerateArray()
            .Single(x => x.GetProperty("name").GetString() == "permuted copy");
        Assert.Equal(h, permuted.GetProperty("mutual_info_mean").GetDouble());
        Assert.Equal(0.0, permuted.GetProperty("mutual_info_sd").GetDouble());
        Assert.Equal(11, r.GetProperty("curve").GetArrayLength());
        Assert.Equal(Math.Log(3), r.GetProperty("log_n_classes").GetDouble());

        // The same seed, the same numbers.
        JsonElement again = RealDataTests.RunJson(["noise", "-f", "json", "-r", "3"]);
        Assert.Equal(r.GetRawText(), again.GetRawText());
        (int exit, _, _) = Run("noise", "--repeats", "0");
        Assert.Equal(2, exit);
    }

    [Fact]
    public void ThresholdJsonHasTheDocumentedKeysAndMatchesTheLibrary()
    {
        string path = ReferenceCase.DataPath("generated", "classifier.csv");
        JsonElement r = RealDataTests.RunJson(
            ["threshold", path, "--score", "score", "--label", "label", "-f", "json"]);
        Assert.Equal(
            ["score", "label", "positive", "n_samples", "log_base", "unit", "threshold", "mutual_info_score",
             "accuracy", "true_positives", "false_positives", "true_negatives", "false_negatives", "fixed"],
            r.EnumerateObject().Select(p => p.Name));
        Assert.Equal("1", r.GetProperty("positive").GetString());

        string[] lines = File.ReadAllLines(path)[1..];
        double[] scores = [.. lines.Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture))];
        bool[] labels = [.. lines.Select(l => l.Split(',')[0] == "1")];
        ThresholdSearchResult expected = ThresholdSearch.Find(scores, labels);
        Assert.Equal(expected.Best.Threshold, r.GetProperty("threshold").GetDouble());
        Assert.Equal(expected.Best.MutualInfo, r.GetProperty("mutual_info_score").GetDouble());
        Assert.Equal(expected.Best.Confusion.TruePositives, r.GetProperty("true_positives").GetInt64());
        Assert.Equal(0.5, r.GetProperty("fixed").GetProperty("threshold").GetDouble());
        Assert.True(r.GetProperty("mutual_info_score").GetDouble()
            >= r.GetProperty("fixed").GetProperty("mutual_info_score").GetDouble());
    }

    [Fact]
    public void ThresholdReadsInfinitiesAndRefusesNaN()
    {
        string path = Write("s.csv", "s,y\n-inf,no\n0.2,no\n0.9,yes\ninf,yes\n");
        JsonElement r = RealDataTests.RunJson(["threshold", path, "-s", "s", "-l", "y", "-f", "json"]);
        Assert.Equal("yes", r.GetProperty("positive").GetString());
        Assert.Equal(0.55, r.GetProperty("threshold").GetDouble(), 1e-15);
        Assert.Equal(1.0, r.GetProperty("accuracy").GetDouble());

        // A cut point at -inf (between -inf and 1) is written as a string: JSON has no infinity.
        string low = Write("low.csv", "s,y\n-inf,0\n1,1\n2,1\n");
        r = RealDataTests.RunJson(["threshold", low, "-s", "s", "-l", "y", "-f", "json"]);
        Assert.Equal("-Infinity", r.GetProperty("threshold").GetString());
        Assert.Equal(1.0, r.GetProperty("accuracy").GetDouble());

        string nan = Write("n.csv", "s,y\n0.1,0\nNaN,1\n");
        (int exit, _, string stderr) = Run("threshold", nan, "-s", "s", "-l", "y");
        Assert.Equal(1, exit);
        Assert.Contains("data row 2, column 's'", stderr, StringComparison.Ordinal);

        string text = Write("x.csv", "s,y\n0.1,0\nabc,1\n");
        (exit, _, stderr) = Run("threshold", text, "-s", "s", "-l", "y");
        Assert.Equal(1, exit);
        Assert.Contains("'abc' is not a number", stderr, StringComparison.Ordinal);

        string three = Write("3.csv", "s,y\n0.1,a\n0.2,b\n0.3,c\n");
        (exit, _, stderr) = Run("threshold", three, "-s", "s", "-l", "y");
        Assert.Equal(1, exit);
        Assert.Contains("--positive", stderr, StringComparison.Ordinal);
        (exit, string stdout, _) = Run("threshold", three, "-s", "s", "-l", "y", "--positive", "c", "-f", "csv");
        Assert.Equal(0, exit);
        Assert.StartsWith("kind,threshold,mutual_info_score", stdout, StringComparison.Ordinal);
        (exit, _, stderr) = Run("threshold", three, "-s", "s", "-l", "y", "--positive", "z");
        Assert.Equal(1, exit);
        Assert.Contains("no value 'z'", stderr, StringComparison.Ordinal);
    }
}
