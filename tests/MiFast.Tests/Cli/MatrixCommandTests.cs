using System.Globalization;
using System.Text.Json;
using MiFast.Tests.Golden;
using static MiFast.Tests.Cli.LabelFileWriters;

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

    /// <summary>The same file as text and integer Parquet, Arrow (file, stream, dictionary) and a 2-D
    /// .npy, converted by the tests; every matrix equals the CSV's, byte for byte (the .npy's
    /// columns are named 0…k−1, so its labelings differ and its matrix rows are compared).</summary>
    [Theory]
    [InlineData("digits.csv", "adjusted_mutual_info_score")]
    [InlineData("digits.csv", "homogeneity_score")]
    [InlineData("wine.csv", "variation_of_information")]
    [InlineData("letter.csv.gz", "v_measure_score")]
    public async Task SameMatrixFromEveryFormat(string file, string metric)
    {
        string csv = ReferenceCase.DataPath(file);
        TestColumn[] columns = ReadCsv(csv);
        TestColumn[] integers = Factorized(columns);
        string[] args = ["-m", metric, "-f", "json", "--beta", metric == "v_measure_score" ? "0.5" : "1"];
        string expected = CliRunner.Ok(["matrix", csv, .. args]);

        string textParquet = Path.Combine(_dir, "t.parquet"), intParquet = Path.Combine(_dir, "i.pq");
        await WriteParquet(textParquet, columns, rowGroupRows: 700);
        await WriteParquet(intParquet, integers, rowGroupRows: 1000, int32: true);
        string arrow = Path.Combine(_dir, "t.arrow"), stream = Path.Combine(_dir, "i.arrows");
        string dictionary = Path.Combine(_dir, "d.feather"), npy = Path.Combine(_dir, "all.npy");
        WriteArrow(arrow, columns, batchRows: 900, ArrowKind.File);
        WriteArrow(stream, integers, batchRows: 333, ArrowKind.Stream);
        WriteArrow(dictionary, columns, batchRows: 5000, ArrowKind.FileDictionary);
        WriteNpy(npy, [.. integers.Select(c => c.Integers!.Select(v => v!.Value).ToArray())]);

        // A name that says nothing of the format: --input-format does.
        string unnamed = Path.Combine(_dir, "labels.bin");
        File.Copy(textParquet, unnamed);
        foreach (string[] input in new string[][]
        {
            [textParquet], [intParquet], [arrow], [stream], [dictionary], [unnamed, "--input-format", "parquet"],
            [csv, "--chunk-rows", "97"],
        })
        {
            Assert.Equal(expected, CliRunner.Ok(["matrix", .. input, .. args]));
        }

        JsonElement want = JsonDocument.Parse(expected).RootElement;
        JsonElement got = JsonDocument.Parse(CliRunner.Ok(["matrix", npy, .. args, "--chunk-rows", "250"]))
            .RootElement;
        Assert.Equal(Enumerable.Range(0, columns.Length).Select(c => c.ToString(CultureInfo.InvariantCulture)),
            got.GetProperty("labelings").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(want.GetProperty("matrix").GetRawText(), got.GetProperty("matrix").GetRawText());
        Assert.Equal(want.GetProperty("symmetric").GetBoolean(), got.GetProperty("symmetric").GetBoolean());
    }

    /// <summary>The tests/data .npy fixtures (written by numpy): the 2-D iris table in a big-endian
    /// Fortran-order dtype gives the CSV's matrix; a 1-D file is one labeling, too few.</summary>
    [Fact]
    public void NpyFixturesWrittenByNumpy()
    {
        string iris = ReferenceCase.DataPath("iris.csv");
        JsonElement want = JsonDocument.Parse(CliRunner.Ok("matrix", iris, "-m", "adjusted_rand_score", "-f", "json"))
            .RootElement;
        JsonElement got = JsonDocument.Parse(CliRunner.Ok("matrix", ReferenceCase.DataPath("npy", "iris_u2_be_F.npy"),
            "-m", "adjusted_rand_score", "-f", "json")).RootElement;
        Assert.Equal(want.GetProperty("matrix").GetRawText(), got.GetProperty("matrix").GetRawText());
        Assert.Equal(0.730238, got.GetProperty("matrix")[0][1].GetDouble(), 6);

        string oneD = ReferenceCase.DataPath("npy", "digits_digit.npy");
        (int exit, string stdout, string stderr) = CliRunner.Run("matrix", oneD, "-m", "rand_score");
        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Equal($"mifast: error: {oneD}: a matrix needs at least two columns; the file has 1 (digits_digit).\n",
            stderr);
    }

    // Row 2 misses a, row 4 misses b (1-based data rows); c is complete.
    private static readonly string?[] A = ["x", null, "x", "y", "y", "z", "z", "x"];
    private static readonly string?[] B = ["1", "1", "2", null, "2", "3", "3", "1"];
    private static readonly string?[] C = ["p", "q", "p", "q", "p", "q", "r", "r"];

    private async Task<string[]> MissingFiles()
    {
        TestColumn[] text = [new("a", Text: A), new("b", Text: B), new("c", Text: C)];
        string csv = Path.Combine(_dir, "m.csv"), parquet = Path.Combine(_dir, "m.parquet");
        string arrow = Path.Combine(_dir, "m.arrow");
        WriteCsv(csv, text);
        await WriteParquet(parquet, text, rowGroupRows: 3);
        WriteArrow(arrow, text, batchRows: 5, ArrowKind.File);
        return [csv, parquet, arrow];
    }

    [Fact]
    public async Task MissingIsAnErrorByDefaultNamingFileRowAndColumn()
    {
        foreach (string file in await MissingFiles())
        {
            (int exit, string stdout, string stderr) = CliRunner.Run("matrix", file, "-m", "rand_score");
            Assert.Equal(1, exit);
            Assert.Equal("", stdout);
            string where = file.EndsWith(".csv", StringComparison.Ordinal) ? "line 3" : "row 2";
            Assert.StartsWith($"mifast: error: {file}: {where}, column 'a': ", stderr, StringComparison.Ordinal);
            Assert.Contains("--missing drop", stderr, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("drop")]
    [InlineData("label")]
    public async Task MissingDropAndLabelGiveEachPairsScore(string policy)
    {
        // Each cell is the pair's score by 'mifast score' under the same policy; with drop, each
        // pair leaves out only the rows that miss one of its own two labels.
        string[] names = ["a", "b", "c"];
        foreach (string file in await MissingFiles())
        {
            (int exit, string stdout, string stderr) = CliRunner.Run("matrix", file, "-m", "homogeneity_score",
                "-f", "json", "--missing", policy);
            Assert.Equal(0, exit);
            JsonElement m = JsonDocument.Parse(stdout).RootElement.GetProperty("matrix");
            for (int i = 0; i < 3; i++)
            {
                for (int j = 0; j < 3; j++)
                {
                    if (i == j) continue;
                    string json = CliRunner.Ok("score", file, "-t", names[i], "-p", names[j], "-f", "json",
                        "--missing", policy);
                    Assert.Equal(JsonDocument.Parse(json).RootElement[0].GetProperty("homogeneity_score").GetDouble(),
                        m[i][j].GetDouble());
                }
            }

            if (policy == "drop")
            {
                Assert.Contains("mifast: a against b: dropped 2 of 8 rows with a missing label.", stderr,
                    StringComparison.Ordinal);
                Assert.Contains("mifast: c against a: dropped 1 of 8 rows with a missing label.", stderr,
                    StringComparison.Ordinal);
                Assert.Contains("mifast: b against itself: dropped 1 of 8 rows with a missing label.", stderr,
                    StringComparison.Ordinal);
                Assert.DoesNotContain("c against itself", stderr, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains("column 'a': 1 missing values scored as one label of their own.", stderr,
                    StringComparison.Ordinal);
            }

            // Homogeneity of a labeling against itself is 1 whatever was dropped or labelled.
            Assert.All(Enumerable.Range(0, 3), i => Assert.Equal(1.0, m[i][i].GetDouble()));
            Assert.Equal("", CliRunner.Run("matrix", "-q", file, "-m", "rand_score", "--missing", policy).Stderr);
        }
    }

    [Fact]
    public async Task MissingDropChangesTheCellsThatReadAMissingLabelOnly()
    {
        // a against c with drop equals the score of the six rows where a is present (and b is ignored).
        string csv = (await MissingFiles())[0];
        JsonElement m = JsonDocument.Parse(CliRunner.Ok("matrix", csv, "-m", "adjusted_rand_score", "-f", "json",
            "--missing", "drop")).RootElement.GetProperty("matrix");
        int[] keep = [.. Enumerable.Range(0, 8).Where(i => A[i] is not null)];
        double expected = ClusterMetrics.Compare<string, string>([.. keep.Select(i => A[i]!)],
            [.. keep.Select(i => C[i]!)]).AdjustedRand;
        Assert.Equal(expected, m[0][2].GetDouble());
        Assert.Equal(expected, m[2][0].GetDouble());
    }
}
