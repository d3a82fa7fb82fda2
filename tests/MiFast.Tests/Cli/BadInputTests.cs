using System.Text.Json;
using MiFast.Tests.Golden;
using static MiFast.Tests.Cli.InputFormatTests;
using static MiFast.Tests.Cli.LabelFileWriters;

namespace MiFast.Tests.Cli;

/// <summary>Every bad input of every format: a one-line message naming the file (and the row and
/// column where they apply), exit 1 (2 for usage), nothing on stdout.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mifast-bad-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static string Npy(string name) => ReferenceCase.DataPath("npy", name);

    internal static void AssertFails(int code, string[] args, params string[] parts)
    {
        (int exit, string stdout, string stderr) = Run(args);
        Assert.True(exit == code, $"exit {exit}: {stderr}");
        Assert.Empty(stdout);
        Assert.StartsWith("mifast: error: ", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'), l => l.StartsWith("mifast: error: ", StringComparison.Ordinal));
        foreach (string part in parts) Assert.Contains(part, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    private static readonly TestColumn[] Small =
        [new("t", Text: ["a", "a", "b", "b", "c"]), new("p", Text: ["x", "x", "y", "x", "y"])];

    [Theory]
    [InlineData("nope.parquet")]
    [InlineData("nope.arrow")]
    [InlineData("nope.npy")]
    [InlineData("nope.tsv.gz")]
    public void MissingFile(string name) =>
        AssertFails(1, ["score", PathOf(name), "-t", "t"], $"{PathOf(name)}: no such file");

    [Fact]
    public void MissingTruthOrPredFile()
    {
        AssertFails(1, ["score", "--truth-file", PathOf("a.npy"), "--pred-file", Npy("wide_i8.npy")],
            $"{PathOf("a.npy")}: no such file");
        AssertFails(1, ["score", "--truth-file", Npy("wide_i8.npy"), "--pred-file", PathOf("b.npy")],
            $"{PathOf("b.npy")}: no such file");
    }

    [Fact]
    public async Task TruncatedParquet()
    {
        string whole = PathOf("whole.parquet"), cut = PathOf("cut.parquet");
        await WriteParquet(whole, Small, rowGroupRows: 2);
        byte[] bytes = File.ReadAllBytes(whole);
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        AssertFails(1, ["score", cut, "-t", "t"], $"{cut}: not a valid Parquet file, or truncated");

        // The footer intact but a page corrupted: an error too, not wrong numbers.
        byte[] corrupt = [.. bytes];
        for (int i = 4; i < bytes.Length / 3; i++) corrupt[i] = 0xff;
        File.WriteAllBytes(cut, corrupt);
        AssertFails(1, ["score", cut, "-t", "t"], $"{cut}: not a valid Parquet file, or truncated");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TruncatedArrow(bool stream)
    {
        ArrowKind kind = stream ? ArrowKind.Stream : ArrowKind.File;
        string whole = PathOf("whole.arrow"), cut = PathOf("cut.arrow");
        WriteArrow(whole, Small, batchRows: 2, kind);
        byte[] bytes = File.ReadAllBytes(whole);
        File.WriteAllBytes(cut, bytes[..(bytes.Length * 2 / 3)]);
        AssertFails(1, ["score", cut, "-t", "t"], $"{cut}: not a valid Arrow IPC file or stream, or truncated");
    }

    [Fact]
    public void TruncatedNpy() =>
        AssertFails(1, ["score", Npy("truncated.npy"), "-t", "truncated"],
            "truncated.npy: the header says 100 × 1 items of <i8 (800 bytes) but the file holds 480 bytes of data; "
            + "truncated");

    [Fact]
    public void TruncatedGzipOfTsv()
    {
        string path = PathOf("cut.tsv.gz");
        using (var output = new MemoryStream())
        {
            var level = System.IO.Compression.CompressionLevel.Optimal;
            using (var zip = new System.IO.Compression.GZipStream(output, level))
            {
                string text = "t\tp\n" + string.Concat(Enumerable.Repeat("a\tx\n", 1000));
                zip.Write(System.Text.Encoding.UTF8.GetBytes(text));
            }

            byte[] bytes = output.ToArray();
            File.WriteAllBytes(path, bytes[..(bytes.Length - 6)]);
        }

        AssertFails(1, ["score", path, "-t", "t"], $"{path}: not a valid gzip file, or truncated");
    }

    [Theory]
    [InlineData("x.parquet", "not a Parquet file (no PAR1 magic at the start)")]
    [InlineData("x.arrow", "not a valid Arrow IPC file or stream")]
    [InlineData("x.feather", "not a valid Arrow IPC file or stream")]
    public void WrongMagic(string name, string message)
    {
        string path = PathOf(name);
        File.WriteAllText(path, "t,p\na,x\n");
        AssertFails(1, ["score", path, "-t", "t"], $"{path}: {message}");
    }

    [Fact]
    public void WrongMagicNpy() =>
        AssertFails(1, ["score", Npy("not_npy.npy"), "-t", "t"],
            "not_npy.npy: not a NumPy .npy file (no \\x93NUMPY magic");

    [Fact]
    public void FeatherVersionOne()
    {
        string path = PathOf("old.feather");
        File.WriteAllBytes(path, [.. "FEA1"u8, .. new byte[64]]);
        AssertFails(1, ["score", path, "-t", "t"], $"{path}: a Feather version 1 file");
    }

    [Theory]
    [InlineData("x.parquet")]
    [InlineData("x.arrow")]
    [InlineData("x.npy")]
    [InlineData("x.csv.gz")]
    public void EmptyFile(string name)
    {
        string path = PathOf(name);
        File.WriteAllBytes(path, []);
        (int exit, string stdout, string stderr) = Run("score", path, "-t", "t");
        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.Contains(path + ": ", stderr, StringComparison.Ordinal);
        Assert.Contains(path + ": the file is empty.", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoRows()
    {
        TestColumn[] none = [new("t", Text: []), new("p", Text: [])];
        string parquet = PathOf("none.parquet"), arrow = PathOf("none.arrow"), npy = PathOf("none.npy");
        await WriteParquet(parquet, none, rowGroupRows: 10);
        AssertFails(1, ["score", parquet, "-t", "t"], $"{parquet}: the file has no rows");
        WriteNpy(npy, [[], []]);
        AssertFails(1, ["score", npy, "-t", "0"], $"{npy}: the file has no rows");
        File.WriteAllText(PathOf("h.tsv"), "t\tp\n");
        AssertFails(1, ["score", PathOf("h.tsv"), "-t", "t"], "h.tsv: the file has a header row but no data rows");

        // An Arrow file with a schema and no record batch.
        var schema = new Apache.Arrow.Schema.Builder()
            .Field(f => f.Name("t").DataType(Apache.Arrow.Types.Int64Type.Default))
            .Field(f => f.Name("p").DataType(Apache.Arrow.Types.Int64Type.Default))
            .Build();
        await using (FileStream stream = File.Create(arrow))
        {
            using var writer = new Apache.Arrow.Ipc.ArrowFileWriter(stream, schema);
            writer.WriteStart();
            writer.WriteEnd();
        }

        AssertFails(1, ["score", arrow, "-t", "t"], $"{arrow}: the file has no rows");
    }

    [Fact]
    public async Task UnknownColumnListsTheColumns()
    {
        string parquet = PathOf("s.parquet"), arrow = PathOf("s.arrow");
        await WriteParquet(parquet, Small, rowGroupRows: 10);
        WriteArrow(arrow, Small, batchRows: 10, ArrowKind.File);
        AssertFails(1, ["score", parquet, "-t", "zz"], $"{parquet}: no column 'zz'; the columns are: t, p.");
        AssertFails(1, ["score", arrow, "-t", "t", "-p", "zz"], $"{arrow}: no column 'zz'; the columns are: t, p.");
        AssertFails(1, ["score", Npy("iris_i8_le_C.npy"), "-t", "4"], "no column '4'; the columns are: 0, 1, 2, 3.");
        AssertFails(1, ["score", "--truth-file", Npy("digits_digit.npy"), "--truth", "digit",
            "--pred-file", Npy("digits_kmeans_k10.npy")], "no column 'digit'; the columns are: digits_digit.");
    }

    [Fact]
    public void RaggedTsvRow()
    {
        File.WriteAllText(PathOf("r.tab"), "t\tp\na\tx\nb\ty\tz\n");
        AssertFails(1, ["score", PathOf("r.tab"), "-t", "t"], "r.tab: line 3: 3 fields, but the header has 2.");
    }

    [Fact]
    public void LengthMismatchNamesBothFilesAndLengths()
    {
        // Lengths stated up front (npy headers): refused before reading.
        AssertFails(1, ["score", "--truth-file", Npy("digits_digit.npy"), "--pred-file", Npy("wide_i8.npy")],
            "length mismatch: ", "digits_digit.npy has 1797 rows but ", "wide_i8.npy has 6;");

        // Lengths found by streaming (CSV): the longer file is counted to the end.
        File.WriteAllText(PathOf("a.csv"), "t\n" + string.Concat(Enumerable.Repeat("a\n", 10)));
        File.WriteAllText(PathOf("b.csv"), "p\n" + string.Concat(Enumerable.Repeat("x\n", 25)));
        AssertFails(1, ["score", "--truth-file", PathOf("a.csv"), "--pred-file", PathOf("b.csv"), "--chunk-rows", "4"],
            $"length mismatch: {PathOf("a.csv")} has 10 rows but {PathOf("b.csv")} has 25;");
        AssertFails(1, ["score", "--truth-file", PathOf("b.csv"), "--pred-file", PathOf("a.csv"), "--chunk-rows", "4"],
            $"length mismatch: {PathOf("b.csv")} has 25 rows but {PathOf("a.csv")} has 10;");
    }

    [Fact]
    public void FloatNpyWithAFraction() =>
        AssertFails(1, ["score", "--truth-file", Npy("float_half.npy"), "--pred-file", Npy("float_half.npy"),
            "--pred", "float_half"],
            "float_half.npy: row 2, column 'float_half': 2.5 is not an integer label (<f8 column)");

    [Theory]
    [InlineData("unicode.npy", "dtype '<U1' is not a label type")]
    [InlineData("complex.npy", "dtype '<c16' is not a label type")]
    [InlineData("three_d.npy", "a 3-D array; labelings are a 1-D array or the columns of a 2-D one")]
    public void UnsupportedNpy(string name, string message) =>
        AssertFails(1, ["score", Npy(name), "-t", "0"], $"{name}: {message}");

    [Fact]
    public async Task UnsupportedParquetType()
    {
        string path = PathOf("dates.parquet");
        var field = new Parquet.Schema.DataField<DateTime>("when");
        var other = new Parquet.Schema.DataField<long>("p");
        await using (FileStream stream = File.Create(path))
        await using (var writer = await Parquet.ParquetWriter.CreateAsync(
            new Parquet.Schema.ParquetSchema(field, other), stream))
        {
            using Parquet.ParquetRowGroupWriter group = writer.CreateRowGroup();
            await group.WriteAsync<DateTime>(field, new[] { DateTime.UnixEpoch }.AsMemory());
            await group.WriteAsync<long>(other, new[] { 1L }.AsMemory());
        }

        AssertFails(1, ["score", path, "-t", "when"], $"{path}: column 'when' holds DateTime values");
    }

    [Fact]
    public async Task FloatColumnsInParquetAndArrow()
    {
        // Integral doubles are those integers, NaN is missing, 2.5 is an error naming the row.
        double[] good = [1, 1, 2, -0.0, 0, 2], bad = [1, 1, 2.5, 0, 0, 2];
        long[] p = [5, 5, 6, 7, 7, 6];
        ClusterScores expected = ClusterMetrics.Compare<long, long>([1, 1, 2, 0, 0, 2], p);
        foreach (double[] t in new[] { good, bad })
        {
            string parquet = PathOf("f.parquet"), arrow = PathOf("f.arrow");
            var tf = new Parquet.Schema.DataField<double>("t");
            var pf = new Parquet.Schema.DataField<long>("p");
            await using (FileStream stream = File.Create(parquet))
            await using (var writer = await Parquet.ParquetWriter.CreateAsync(
                new Parquet.Schema.ParquetSchema(tf, pf), stream))
            {
                using Parquet.ParquetRowGroupWriter group = writer.CreateRowGroup();
                await group.WriteAsync<double>(tf, t.AsMemory());
                await group.WriteAsync<long>(pf, p.AsMemory());
            }

            var batch = new Apache.Arrow.RecordBatch.Builder()
                .Append("t", false, new Apache.Arrow.DoubleArray.Builder().AppendRange(t).Build())
                .Append("p", false, new Apache.Arrow.Int64Array.Builder().AppendRange(p).Build())
                .Build();
            await using (FileStream stream = File.Create(arrow))
            {
                using var writer = new Apache.Arrow.Ipc.ArrowFileWriter(stream, batch.Schema);
                writer.WriteRecordBatch(batch);
                writer.WriteEnd();
            }

            foreach (string path in new[] { parquet, arrow })
            {
                if (t == good)
                {
                    JsonElement row = RealDataTests.RunJson(["score", path, "-t", "t", "-f", "json"])[0];
                    Assert.Equal(expected.MutualInfo, row.GetProperty("mutual_info_score").GetDouble());
                    Assert.Equal(3, row.GetProperty("n_classes").GetInt32());
                }
                else
                {
                    AssertFails(1, ["score", path, "-t", "t"],
                        $"{path}: row 3, column 't': 2.5 is not an integer label (double column)");
                }
            }
        }
    }

    [Theory]
    [InlineData("--truth-file", "a.npy")]
    [InlineData("--pred-file", "a.npy")]
    public void FileOptionsGoTogether(string option, string value) =>
        AssertFails(2, ["score", option, value], "--truth-file and --pred-file go together");

    [Fact]
    public void FileAndTruthFileAreExclusive() =>
        AssertFails(2, ["score", Npy("wide_i8.npy"), "--truth-file", Npy("wide_i8.npy"), "--pred-file",
            Npy("wide_u8.npy")], "--truth-file and --pred-file go together");

    [Fact]
    public void TruthFileWithSeveralColumnsNeedsTruth() =>
        AssertFails(2, ["score", "--truth-file", Npy("iris_i8_le_C.npy"), "--pred-file", Npy("iris_i8_le_F.npy")],
            "iris_i8_le_C.npy has 4 columns (0, 1, 2, 3); say which is the truth with --truth COL.");

    [Theory]
    [InlineData("--input-format", "xlsx")]
    [InlineData("--missing", "ignore")]
    [InlineData("--chunk-rows", "0")]
    [InlineData("--chunk-rows", "many")]
    public void BadOptionValues(string option, string value) =>
        AssertFails(2, ["score", Npy("wide_i8.npy"), "-t", "wide_i8", option, value], $"'{value}'");

    [Fact]
    public void InputFormatOverridesTheExtension()
    {
        // A .dat holding .npy bytes: the extension says CSV; --input-format says npy.
        string path = PathOf("labels.dat");
        File.Copy(Npy("iris_i2_be_F.npy"), path);
        (int exit, string stdout, string stderr) = Run("score", path, "-t", "0", "--input-format", "npy", "-f", "json");
        Assert.True(exit == 0, stderr);
        Assert.Contains("\"n_samples\": 150", stdout, StringComparison.Ordinal);
        AssertFails(1, ["score", path, "-t", "0", "--input-format", "parquet"], "not a Parquet file");
    }
}

/// <summary>Files that cannot seek (a named pipe, /dev/stdin): CSV, Arrow streams and C-order .npy
/// are read as they flow.</summary>
public sealed class PipeInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mifast-pipe-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("iris.csv", "species", "pipe.csv")]
    [InlineData("npy/iris_u2_be_C.npy", "0", "pipe.npy")]
    [InlineData("wine.csv", "cultivar", "pipe.arrows")]
    public async Task NamedPipeIsStreamed(string source, string truth, string name)
    {
        if (OperatingSystem.IsWindows()) return;
        string fifo = Path.Combine(_dir, name);
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo)) mkfifo.WaitForExit();
        string path = ReferenceCase.DataPath(source.Split('/'));
        if (name.EndsWith(".arrows", StringComparison.Ordinal))
        {
            // An Arrow IPC stream, in batches of 50 rows.
            string stream = Path.Combine(_dir, "wine.arrows");
            WriteArrow(stream, ReadCsv(path), batchRows: 50, ArrowKind.Stream);
            path = stream;
        }

        Task writer = Task.Run(() =>
        {
            using FileStream output = new(fifo, FileMode.Open, FileAccess.Write);
            output.Write(File.ReadAllBytes(path));
        });
        JsonElement piped = RealDataTests.RunJson(["score", fifo, "-t", truth, "-f", "json", "--chunk-rows", "7"]);
        await writer;
        AssertSameScores(RealDataTests.RunJson(["score", path, "-t", truth, "-f", "json"]), piped);
    }
}

/// <summary>Corrupted binary files: every damaged byte gives a result or a one-line error, never a
/// crash with a stack trace.</summary>
public sealed class CorruptBinaryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mifast-corrupt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("parquet")]
    [InlineData("arrow")]
    [InlineData("arrows")]
    [InlineData("npy")]
    public async Task EveryDamagedByteIsAResultOrAnError(string extension)
    {
        TestColumn[] columns = ReadCsv(ReferenceCase.DataPath("iris.csv"));
        string whole = Path.Combine(_dir, "whole." + extension);
        switch (extension)
        {
            case "parquet":
                await WriteParquet(whole, columns, rowGroupRows: 40);
                break;
            case "npy":
                File.Copy(ReferenceCase.DataPath("npy", "iris_i2_be_F.npy"), whole);
                break;
            default:
                WriteArrow(whole, Factorized(columns), batchRows: 40,
                    extension == "arrow" ? ArrowKind.File : ArrowKind.Stream);
                break;
        }

        byte[] bytes = File.ReadAllBytes(whole);
        string damaged = Path.Combine(_dir, "damaged." + extension);
        var random = new Random(4);
        for (int trial = 0; trial < 60; trial++)
        {
            byte[] copy = [.. bytes];
            int at = trial < 20 ? trial * bytes.Length / 20 : random.Next(bytes.Length);
            copy[at] ^= (byte)(1 << random.Next(8));
            File.WriteAllBytes(damaged, copy);
            string truth = extension == "npy" ? "0" : "species";
            (int exit, _, string stderr) = Run("score", damaged, "-t", truth);
            Assert.True(exit is 0 or 1, $"byte {at}: exit {exit}: {stderr}");
            Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        }
    }
}
