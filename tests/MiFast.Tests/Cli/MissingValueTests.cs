using System.Text.Json;
using MiFast.Tests.Golden;
using static MiFast.Tests.Cli.InputFormatTests;
using static MiFast.Tests.Cli.LabelFileWriters;

namespace MiFast.Tests.Cli;

/// <summary><c>--missing error|drop|label</c> on CSV empty fields, Parquet and Arrow nulls, NaN.</summary>
public sealed class MissingValueTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mifast-missing-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // Rows 3 and 6 (1-based) miss the truth, row 5 misses p; q is complete.
    private static readonly string?[] T = ["a", "a", null, "b", "b", null, "c", "c"];
    private static readonly string?[] P = ["x", "x", "y", "y", null, "z", "z", "x"];
    private static readonly string?[] Q = ["1", "2", "1", "2", "1", "2", "1", "2"];

    private TestColumn[] Text => [new("t", Text: T), new("p", Text: P), new("q", Text: Q)];

    private TestColumn[] Integers => [.. Text.Select(c => new TestColumn(c.Name,
        Integers: [.. c.Text!.Select(s => s is null ? null : (long?)(s[0] - '0'))]))];

    /// <summary>The same data in each format that has missing values.</summary>
    private async Task<string[]> Files()
    {
        string csv = Path.Combine(_dir, "m.csv"), parquet = Path.Combine(_dir, "m.parquet");
        string parquetInt = Path.Combine(_dir, "mi.parquet"), arrow = Path.Combine(_dir, "m.arrow");
        string arrowInt = Path.Combine(_dir, "mi.feather");
        WriteCsv(csv, Text);
        await WriteParquet(parquet, Text, rowGroupRows: 3);
        await WriteParquet(parquetInt, Integers, rowGroupRows: 5, nullable: true);
        WriteArrow(arrow, Text, batchRows: 3, ArrowKind.FileDictionary);
        WriteArrow(arrowInt, Integers, batchRows: 2, ArrowKind.File);
        return [csv, parquet, parquetInt, arrow, arrowInt];
    }

    [Fact]
    public async Task DefaultIsAnErrorNamingFileRowAndColumn()
    {
        foreach (string file in await Files())
        {
            (int exit, string stdout, string stderr) = Run("score", file, "-t", "t", "-p", "p", "--chunk-rows", "2");
            Assert.Equal(1, exit);
            Assert.Empty(stdout);
            string where = file.EndsWith(".csv", StringComparison.Ordinal) ? "line 4" : "row 3";
            Assert.Contains($"{file}: {where}, column 't': ", stderr, StringComparison.Ordinal);
            Assert.Contains("--missing drop", stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheErrorNamesTheFirstRowThatMissesALabelWhateverItsColumn()
    {
        // In one chunk, p misses row 2 before t misses row 4: the error names row 2 and p.
        TestColumn[] text = [new("t", Text: ["a", "a", "b", null, "c"]), new("p", Text: ["x", null, "y", "y", "z"])];
        string csv = Path.Combine(_dir, "first.csv"), parquet = Path.Combine(_dir, "first.parquet");
        string arrow = Path.Combine(_dir, "first.arrow");
        WriteCsv(csv, text);
        await WriteParquet(parquet, text, rowGroupRows: 5);
        WriteArrow(arrow, text, batchRows: 5, ArrowKind.File);
        foreach (string file in (string[])[csv, parquet, arrow])
        {
            (int exit, string stdout, string stderr) = Run("score", file, "-t", "t", "-p", "p");
            Assert.Equal(1, exit);
            Assert.Empty(stdout);
            string where = file == csv ? "line 3" : "row 2";
            Assert.StartsWith($"mifast: error: {file}: {where}, column 'p': ", stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task DropLeavesOutTheRowsOfEachPair()
    {
        // t against p: rows 3, 5, 6 dropped; t against q: rows 3, 6.
        ClusterScores tp = ClusterMetrics.Compare<string, string>(["a", "a", "b", "c", "c"], ["x", "x", "y", "z", "x"]);
        ClusterScores tq = ClusterMetrics.Compare<string, string>(
            ["a", "a", "b", "b", "c", "c"], ["1", "2", "2", "1", "1", "2"]);
        foreach (string file in await Files())
        {
            (int exit, string stdout, string stderr) = Run("score", file, "-t", "t", "--missing", "drop", "-f", "json",
                "--chunk-rows", "3");
            Assert.True(exit == 0, stderr);
            JsonElement rows = JsonDocument.Parse(stdout).RootElement;
            Assert.Equal(5, rows[0].GetProperty("n_samples").GetInt64());
            Assert.Equal(tp.MutualInfo, rows[0].GetProperty("mutual_info_score").GetDouble());
            Assert.Equal(tp.AdjustedMutualInfo, rows[0].GetProperty("adjusted_mutual_info_score").GetDouble());
            Assert.Equal(6, rows[1].GetProperty("n_samples").GetInt64());
            Assert.Equal(tq.AdjustedRand, rows[1].GetProperty("adjusted_rand_score").GetDouble());
            Assert.Contains("t against p: dropped 3 of 8 rows with a missing label", stderr, StringComparison.Ordinal);
            Assert.Contains("t against q: dropped 2 of 8 rows with a missing label", stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task LabelMakesMissingALabelOfItsOwn()
    {
        ClusterScores tp = ClusterMetrics.Compare<string, string>(
            [.. T.Select(s => s ?? "<NA>")], [.. P.Select(s => s ?? "<NA>")]);
        foreach (string file in await Files())
        {
            (int exit, string stdout, string stderr) = Run("score", file, "-t", "t", "-p", "p", "--missing", "label",
                "-f", "json", "--chunk-rows", "2");
            Assert.True(exit == 0, stderr);
            JsonElement row = JsonDocument.Parse(stdout).RootElement[0];
            Assert.True(tp.MutualInfo == row.GetProperty("mutual_info_score").GetDouble(), file);
            Assert.Equal(8, row.GetProperty("n_samples").GetInt64());
            Assert.Equal(4, row.GetProperty("n_classes").GetInt32());
            Assert.Equal(tp.MutualInfo, row.GetProperty("mutual_info_score").GetDouble());
            Assert.Equal(tp.AdjustedMutualInfo, row.GetProperty("adjusted_mutual_info_score").GetDouble());
            Assert.Contains("column 't': 2 missing values scored as one label of their own", stderr,
                StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task LabelRefusesAnIntegerColumnThatHoldsTheSentinel()
    {
        string parquet = Path.Combine(_dir, "min.parquet");
        await WriteParquet(parquet, [new TestColumn("t", Integers: [long.MinValue, null, 1]),
            new TestColumn("p", Integers: [1, 2, 3])], rowGroupRows: 10, nullable: true);
        (int exit, string stdout, string stderr) = Run("score", parquet, "-t", "t", "--missing", "label");
        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.Contains("column 't' holds both missing values and the integer -9223372036854775808", stderr,
            StringComparison.Ordinal);
    }

    [Fact]
    public void NaNInAFloatNpyIsMissing()
    {
        string npy = ReferenceCase.DataPath("npy", "iris_f8_le_C.npy");
        (int exit, _, _) = Run("score", npy, "-t", "0");
        Assert.Equal(0, exit);
        string nan = Path.Combine(_dir, "nan.npy");
        byte[] bytes = File.ReadAllBytes(npy);
        BitConverter.GetBytes(double.NaN).CopyTo(bytes, 128 + (8 * 4 * 10) + 8);
        File.WriteAllBytes(nan, bytes);
        (exit, _, string stderr) = Run("score", nan, "-t", "0");
        Assert.Equal(1, exit);
        Assert.Contains("nan.npy: row 11, column '1': NaN (a missing label)", stderr, StringComparison.Ordinal);
        (exit, string stdout, stderr) = Run("score", nan, "-t", "0", "--missing", "drop", "-f", "json");
        Assert.Equal(0, exit);
        Assert.Equal(149, JsonDocument.Parse(stdout).RootElement[0].GetProperty("n_samples").GetInt64());
        Assert.Contains("0 against 1: dropped 1 of 150 rows", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryRowDroppedIsAnError()
    {
        string csv = Path.Combine(_dir, "none.csv");
        File.WriteAllText(csv, "t,p\n,x\na,\n");
        (int exit, string stdout, string stderr) = Run("score", csv, "-t", "t", "--missing", "drop");
        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.Contains("t against p: every row misses a label", stderr, StringComparison.Ordinal);
    }
}
