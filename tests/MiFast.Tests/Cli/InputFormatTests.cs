using System.Globalization;
using System.Text.Json;
using MiFast.Cli;
using MiFast.Tests.Golden;
using static MiFast.Tests.Cli.LabelFileWriters;

namespace MiFast.Tests.Cli;

/// <summary>
/// <c>mifast score</c> on every input format: the real files of tests/data converted to Parquet and
/// Arrow (by the tests) and to .npy (by numpy, tests/data/npy/make_npy.py), each giving the same
/// JSON as the CSV; label identity per format; streaming in small chunks equal to one shot.
/// </summary>
public sealed class InputFormatTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mifast-formats-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    internal static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int exit = MiFastCommand.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Every score of every row equal, bit for bit; the names too unless told otherwise.</summary>
    internal static void AssertSameScores(JsonElement expected, JsonElement actual, bool names = true)
    {
        Assert.Equal(expected.GetArrayLength(), actual.GetArrayLength());
        foreach ((JsonElement e, JsonElement a) in expected.EnumerateArray().Zip(actual.EnumerateArray()))
        {
            foreach (JsonProperty p in e.EnumerateObject())
            {
                if (!names && p.Name is "truth" or "pred") continue;
                Assert.True(p.Value.GetRawText() == a.GetProperty(p.Name).GetRawText(),
                    $"{p.Name}: expected {p.Value.GetRawText()}, got {a.GetProperty(p.Name).GetRawText()}");
            }
        }
    }

    public static TheoryData<string> RealFiles() =>
        ["penguins.csv", "iris.csv", "wine.csv", "digits.csv", "letter.csv.gz", "shuttle.csv.gz",
         "fashion_mnist.csv.gz"];

    private static string[] ScoreArgs(string path, TestColumn[] columns) =>
        ["score", path, "--truth", columns[0].Name, "-f", "json"];

    [Theory]
    [MemberData(nameof(RealFiles))]
    public async Task ParquetEqualsCsv(string file)
    {
        string csv = ReferenceCase.DataPath(file);
        TestColumn[] columns = ReadCsv(csv);
        JsonElement expected = RealDataTests.RunJson(ScoreArgs(csv, columns));

        // Text columns, several row groups: the same labels, the same JSON.
        string text = PathOf("text.parquet");
        await WriteParquet(text, columns, rowGroupRows: 4096);
        AssertSameScores(expected, RealDataTests.RunJson(ScoreArgs(text, columns)));

        // Integer columns (int64, and int32 with a null-free nullable schema): the same partition.
        string integers = PathOf("int.parquet");
        await WriteParquet(integers, Factorized(columns), rowGroupRows: 10_000, nullable: true);
        AssertSameScores(expected, RealDataTests.RunJson(ScoreArgs(integers, columns)));
        await WriteParquet(integers, Factorized(columns), rowGroupRows: 100_000, int32: true);
        AssertSameScores(expected, RealDataTests.RunJson(ScoreArgs(integers, columns)));
    }

    [Theory]
    [MemberData(nameof(RealFiles))]
    public void ArrowEqualsCsv(string file)
    {
        string csv = ReferenceCase.DataPath(file);
        TestColumn[] columns = ReadCsv(csv);
        JsonElement expected = RealDataTests.RunJson(ScoreArgs(csv, columns));
        foreach (ArrowKind kind in Enum.GetValues<ArrowKind>())
        {
            // Every variant on the smaller files; the IPC file format on every file.
            if (kind != ArrowKind.File && columns[0].Length > 30_000) continue;
            string path = PathOf($"{kind}.{(kind == ArrowKind.Stream ? "arrows" : "feather")}");
            WriteArrow(path, columns, batchRows: 5000, kind);
            AssertSameScores(expected, RealDataTests.RunJson(ScoreArgs(path, columns)));
        }

        string integers = PathOf("int.arrow");
        WriteArrow(integers, Factorized(columns), batchRows: 7000, ArrowKind.File);
        AssertSameScores(expected, RealDataTests.RunJson(ScoreArgs(integers, columns)));
    }

    [Fact]
    public async Task ConvertedFilesMatchScikitLearnReference()
    {
        // letter: 20,000 rows; the values of real_data.json, through Parquet and Arrow.
        string csv = ReferenceCase.DataPath("letter.csv.gz");
        TestColumn[] columns = ReadCsv(csv);
        string parquet = PathOf("letter.parquet");
        await WriteParquet(parquet, columns, rowGroupRows: 3000);
        string arrow = PathOf("letter.arrow");
        WriteArrow(arrow, Factorized(columns), batchRows: 3000, ArrowKind.FileZstd);
        using JsonDocument reference = JsonDocument.Parse(
            File.ReadAllText(ReferenceCase.DataPath("reference", "real_data.json")));
        JsonElement letter = reference.RootElement.GetProperty("files").GetProperty("letter");
        foreach (string path in new[] { parquet, arrow })
        {
            foreach (JsonElement row in RealDataTests.RunJson(ScoreArgs(path, columns)).EnumerateArray())
            {
                JsonElement want = letter.GetProperty("vs_truth").GetProperty(row.GetProperty("pred").GetString()!);
                Assert.True(ReferenceCase.Within(row.GetProperty("mutual_info_score").GetDouble(),
                    want.GetProperty("mutual_info_score").GetDouble(), 1e-12));
                Assert.True(ReferenceCase.Within(row.GetProperty("adjusted_mutual_info_score").GetDouble(),
                    want.GetProperty("adjusted_mutual_info_score_arithmetic").GetDouble(), 1e-10));
                Assert.True(ReferenceCase.Within(row.GetProperty("adjusted_rand_score").GetDouble(),
                    want.GetProperty("adjusted_rand_score").GetDouble(), 1e-12));
            }
        }
    }

    public static TheoryData<string> IrisNpyFiles()
    {
        var data = new TheoryData<string>();
        foreach (string dtype in new[] { "i1", "u1", "i2", "u2", "i4", "u4", "i8", "u8" })
        {
            foreach (string order in new[] { "le", "be" })
            {
                foreach (string layout in new[] { "C", "F" }) data.Add($"iris_{dtype}_{order}_{layout}.npy");
            }
        }

        data.Add("iris_f8_le_C.npy");
        data.Add("iris_f4_be_F.npy");
        data.Add("iris_i4_le_C_v2.npy");
        data.Add("iris_i4_le_C_v3.npy");
        return data;
    }

    [Theory]
    [MemberData(nameof(IrisNpyFiles))]
    public void NumpyWrittenNpyEqualsCsv(string file)
    {
        // numpy wrote the iris table as codes in this dtype, byte order and layout: columns "0".."3".
        JsonElement expected = RealDataTests.RunJson(
            ["score", ReferenceCase.DataPath("iris.csv"), "-t", "species", "-f", "json"]);
        JsonElement actual = RealDataTests.RunJson(
            ["score", ReferenceCase.DataPath("npy", file), "-t", "0", "-f", "json", "--chunk-rows", "16"]);
        AssertSameScores(expected, actual, names: false);
        Assert.Equal(["1", "2", "3"], actual.EnumerateArray().Select(r => r.GetProperty("pred").GetString()));
    }

    [Fact]
    public void TruthFileAndPredFileEqualTheCsvColumns()
    {
        JsonElement expected = RealDataTests.RunJson(["score", ReferenceCase.DataPath("digits.csv"), "-t", "digit",
            "-p", "kmeans_k10", "-f", "json"]);
        JsonElement actual = RealDataTests.RunJson(["score",
            "--truth-file", ReferenceCase.DataPath("npy", "digits_digit.npy"),
            "--pred-file", ReferenceCase.DataPath("npy", "digits_kmeans_k10.npy"),
            "-f", "json", "--chunk-rows", "100"]);
        AssertSameScores(expected, actual, names: false);

        // A 1-D file's labeling is named after the file.
        Assert.Equal("digits_digit", actual[0].GetProperty("truth").GetString());
        Assert.Equal("digits_kmeans_k10", actual[0].GetProperty("pred").GetString());
    }

    [Fact]
    public async Task TruthAndPredictionsFromFilesOfDifferentFormats()
    {
        // Truth from a CSV column, predictions from a Parquet file with row groups of another size.
        string csv = ReferenceCase.DataPath("wine.csv");
        TestColumn[] columns = ReadCsv(csv);
        string parquet = PathOf("preds.parquet");
        await WriteParquet(parquet, Factorized(columns[1..]), rowGroupRows: 23);
        JsonElement expected = RealDataTests.RunJson(["score", csv, "-t", "cultivar", "-f", "json"]);
        JsonElement actual = RealDataTests.RunJson(["score", "--truth-file", csv, "--truth", "cultivar",
            "--pred-file", parquet, "-f", "json", "--chunk-rows", "10"]);
        AssertSameScores(expected, actual);
    }

    [Fact]
    public void BoolNpyEqualsTextLabels()
    {
        string[] t = [.. ReadCsv(ReferenceCase.DataPath("iris.csv"))[0].Text!.Select(s => s == "setosa" ? "y" : "n")];
        string[] p = [.. ReadCsv(ReferenceCase.DataPath("iris.csv"))[1].Text!.Select(s => s == "0" ? "y" : "n")];
        JsonElement row = RealDataTests.RunJson(["score", ReferenceCase.DataPath("npy", "iris_bool.npy"), "-t", "0",
            "-f", "json"])[0];
        Assert.Equal(ClusterMetrics.MutualInfoScore<string, string>(t, p),
            row.GetProperty("mutual_info_score").GetDouble());
        Assert.Equal(2, row.GetProperty("n_classes").GetInt32());
    }

    [Fact]
    public void WideIntegersKeepTheirIdentity()
    {
        // u8 values past 2^63 - 1 and i8's minimum are labels like any other.
        ulong[] big = [0, (1UL << 63) + 1, ulong.MaxValue, (1UL << 63) + 1, 5, 0];
        long[] neg = [long.MinValue, -1, long.MinValue, 7, 7, -1];
        JsonElement row = RealDataTests.RunJson(["score", "--truth-file", ReferenceCase.DataPath("npy", "wide_u8.npy"),
            "--pred-file", ReferenceCase.DataPath("npy", "wide_i8.npy"), "-f", "json"])[0];
        ClusterScores expected = ClusterMetrics.Compare<ulong, long>(big, neg);
        Assert.Equal(4, row.GetProperty("n_classes").GetInt32());
        Assert.Equal(3, row.GetProperty("n_clusters").GetInt32());
        Assert.Equal(expected.MutualInfo, row.GetProperty("mutual_info_score").GetDouble());
        Assert.Equal(expected.AdjustedRand, row.GetProperty("adjusted_rand_score").GetDouble());
    }

    [Fact]
    public async Task TextLabelsAreStringsAndIntegerLabelsAreNumbers()
    {
        // CSV: "1" and "01" are two labels (as scikit-learn sees two strings).
        string csv = PathOf("lead.csv");
        File.WriteAllText(csv, "t,p\n1,a\n01,a\n1,b\n01,b\n");
        Assert.Equal(2, Classes(csv));

        // Parquet text column: the same two labels; Parquet integer column: 1 and 1 are one label.
        string text = PathOf("text.parquet");
        await WriteParquet(text,
            [new TestColumn("t", Text: ["1", "01", "1", "01"]), new TestColumn("p", Text: ["a", "a", "b", "b"])], 10);
        Assert.Equal(2, Classes(text));
        string integers = PathOf("int.parquet");
        await WriteParquet(integers,
            [new TestColumn("t", Integers: [1, 1, 1, 1]), new TestColumn("p", Integers: [0, 0, 1, 1])], 10);
        Assert.Equal(1, Classes(integers));

        static int Classes(string path) =>
            RealDataTests.RunJson(["score", path, "-t", "t", "-f", "json"])[0].GetProperty("n_classes").GetInt32();
    }

    [Fact]
    public async Task SmallChunksEqualOneShotInEveryFormat()
    {
        // 10,007 generated rows (a prime: chunks never divide it), three labelings.
        var random = new Random(20261204);
        const int n = 10_007;
        long[] t = [.. Enumerable.Range(0, n).Select(_ => (long)random.Next(37))];
        long[] p = [.. t.Select(v => random.NextDouble() < 0.7 ? v % 11 : random.Next(11))];
        long[] q = [.. Enumerable.Range(0, n).Select(_ => (long)random.Next(1000) - 500)];
        ClusterScores direct = ClusterMetrics.Compare<long, long>(t, p);
        TestColumn[] columns = [new("t", Integers: [.. t.Select(v => (long?)v)]),
            new("p", Integers: [.. p.Select(v => (long?)v)]), new("q", Integers: [.. q.Select(v => (long?)v)])];
        TestColumn[] text = [.. columns.Select(c => new TestColumn(c.Name,
            Text: [.. c.Integers!.Select(v => v!.Value.ToString(CultureInfo.InvariantCulture))]))];

        string csv = PathOf("gen.csv"), npy = PathOf("gen.npy");
        string parquet = PathOf("gen.parquet"), arrow = PathOf("gen.arrow");
        WriteCsv(csv, text);
        WriteNpy(npy, [t, p, q]);
        await WriteParquet(parquet, columns, rowGroupRows: 97);
        WriteArrow(arrow, text, batchRows: 101, ArrowKind.Stream);

        JsonElement oneShot = RealDataTests.RunJson(["score", csv, "-t", "t", "-f", "json", "--chunk-rows", "1000000"]);
        Assert.Equal(direct.MutualInfo, oneShot[0].GetProperty("mutual_info_score").GetDouble());
        Assert.Equal(direct.AdjustedMutualInfo, oneShot[0].GetProperty("adjusted_mutual_info_score").GetDouble());
        Assert.Equal(direct.AdjustedRand, oneShot[0].GetProperty("adjusted_rand_score").GetDouble());
        foreach (string path in new[] { csv, npy, parquet, arrow })
        {
            foreach (string chunk in new[] { "3", "7", "4096" })
            {
                string[] args = ["score", path, "-t", path == npy ? "0" : "t", "-f", "json", "--chunk-rows", chunk];
                AssertSameScores(oneShot, RealDataTests.RunJson(args), names: path != npy);
            }
        }

        // Two files whose chunks never line up: npy truth in 7s, Parquet predictions in row groups of 97.
        string truthNpy = PathOf("t.npy");
        WriteNpy(truthNpy, [t]);
        JsonElement paired = RealDataTests.RunJson(["score", "--truth-file", truthNpy, "--pred-file", parquet,
            "-p", "p", "-p", "q", "-f", "json", "--chunk-rows", "7"]);
        AssertSameScores(oneShot, paired, names: false);
    }
}
