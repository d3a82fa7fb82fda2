using DuckDB.NET.Data;
using MiFast.Cli.Engines;
using MiFast.Tests.Golden;
using static MiFast.Tests.Cli.BadInputTests;

namespace MiFast.Tests.Cli;

/// <summary>Hostile input found by trying to break the readers: claims that overflow, files
/// that are too wide, values at the edges of the label types. Each must fail on one line with
/// exit 1 (2 for usage), or give the right numbers.</summary>
public sealed class AdversarialInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mifast-adv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static string Npy(string name) => ReferenceCase.DataPath("npy", name);

    /// <summary>A .npy file with a hand-written header (version 1, or 2 with a 4-byte length)
    /// followed by <paramref name="dataBytes"/> zero bytes (sparse: nothing is written).</summary>
    private string RawNpy(string name, string dict, long dataBytes, uint? headerLength = null)
    {
        string path = PathOf(name);
        byte[] header = System.Text.Encoding.ASCII.GetBytes(dict + "\n");
        using var file = File.Create(path);
        using (var writer = new BinaryWriter(file, System.Text.Encoding.ASCII, leaveOpen: true))
        {
            writer.Write((byte)0x93);
            writer.Write("NUMPY"u8);
            writer.Write((byte)(headerLength is null ? 1 : 2));
            writer.Write((byte)0);
            if (headerLength is { } claimed) writer.Write(claimed);
            else writer.Write((ushort)header.Length);
            writer.Write(header);
        }

        file.SetLength(file.Length + dataBytes);
        return path;
    }

    [Theory]
    [InlineData("(99999999999999999999999,)", 0L, "the header's shape (99999999999999999999999,) is too large")]
    [InlineData("(10, 99999999999)", 0L, "the header's shape (10, 99999999999) is too large")]
    [InlineData("(1, 3000000000)", 0L, "the header's shape (1, 3000000000) is too large")]
    [InlineData("(2305843009213693952,)", 0L, "the header's shape (2305843009213693952) is too large")]
    [InlineData("(1152921504606846976, 2)", 0L, "the header's shape (1152921504606846976, 2) is too large")]
    [InlineData("(1, 40000000)", 0L, "a row of 40000000 items is wider than 256 MiB")]
    public void NpyShapeTooLarge(string shape, long dataBytes, string message)
    {
        // Byte counts that overflow 64 bits (2^61 items of 8 bytes is 0 mod 2^64) must not pass
        // as an empty or short file.
        string path = RawNpy("big.npy", $"{{'descr': '<i8', 'fortran_order': False, 'shape': {shape}, }}", dataBytes);
        AssertFails(1, ["score", path, "-t", "0"], $"{path}: {message}");
        AssertFails(1, ["score", "--truth-file", path, "--pred-file", Npy("digits_kmeans_k10.npy")],
            $"{path}: {message}");
    }

    [Fact]
    public void NpyHeaderLengthPastInt()
    {
        string path = RawNpy("hl.npy", "{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }", 8,
            headerLength: 0xFFFFFFF0);
        AssertFails(1, ["score", path, "-t", "hl"], $"{path}: .npy header of more than 1 MiB; the file is corrupt.");
    }

    private static void Execute(string sql)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using System.Data.Common.DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public void NaNInAFloatColumnIsMissingWithDuckDbToo()
    {
        // Direct scoring calls NaN a missing value; DuckDB grouped it as one more label.
        string parquet = PathOf("nan.parquet");
        Execute("COPY (SELECT * FROM (VALUES (1, 1.0::DOUBLE), (1, 'nan'::DOUBLE), (2, 'nan'::DOUBLE), (2, 3.0)) "
            + $"t(t, f)) TO {DuckDbCounts.Literal(parquet)} (FORMAT parquet)");
        AssertFails(1, ["score", parquet, "-t", "t"], $"{parquet}: row 2, column 'f':", "a missing label");
        AssertFails(1, ["score", parquet, "-t", "t", "--engine", "duckdb"],
            $"{parquet}: column 'f': 1 row(s) have no label (NULL or NaN).");
        AssertFails(1, ["score", parquet, "-t", "f", "--engine", "duckdb"], "column 'f':",
            "have no label (NULL or NaN).");
    }

    [Fact]
    public void ControlCharactersInNamesAndValuesStayOnOneLine()
    {
        // A file name with a newline: the message names it with '?' instead of breaking the line.
        string path = PathOf("new\nline.csv");
        File.WriteAllText(path, "a,b\n1,2\n");
        AssertFails(1, ["score", path, "-t", "zz"], "new?line.csv: no column 'zz'; the columns are: a, b.");
        (_, _, string stderr) = InputFormatTests.Run("score", PathOf("gone\nfile.csv"), "-t", "a");
        Assert.Equal(["mifast: error: " + PathOf("gone?file.csv") + ": no such file."],
            stderr.TrimEnd('\n').Split('\n'));

        // The parser's list of allowed values is one line too, and so is a value with a newline.
        (int exit, string stdout, string usage) = InputFormatTests.Run("score", path, "-t", "a", "-f", "js\non");
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        string[] lines = usage.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Equal("mifast: error: Argument 'js on' not recognized. Must be one of: 'table' 'json' 'csv'", lines[0]);
        Assert.StartsWith("Run 'mifast --help'", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void CountsThatAreAllZeroAreNoItems()
    {
        // A label file without rows is an error; so is a counts table without items.
        string path = PathOf("zero.csv");
        File.WriteAllText(path, "t,p,n\na,x,0\nb,y,0\n");
        AssertFails(1, ["score", "--counts", path, "-t", "t", "-p", "p", "--count", "n"],
            $"{path}: column 'n': every count is 0; there are no items to score.");
        File.WriteAllText(path, "t,p,n\na,x,0\nb,y,3\n");
        Assert.Equal(0, InputFormatTests.Run("score", "--counts", path, "-t", "t", "-p", "p", "--count", "n").Exit);
    }

    [Fact]
    public void TextOnlyCommandsNameTheBinaryFormatTheyWereGiven()
    {
        // They said "not UTF-8 text", which sends the user looking for an encoding problem.
        string npy = Npy("iris_i8_le_C.npy");
        const string Reads = "this command reads CSV/TSV only (optionally gzip); mifast score and mifast matrix read "
            + "Parquet, Arrow and .npy label files.";
        AssertFails(1, ["contributions", npy, "-t", "0", "-p", "1"], $"{npy}: a NumPy .npy file; {Reads}");

        // By the magic bytes when the name says CSV.
        string disguised = PathOf("labels.csv");
        File.Copy(npy, disguised);
        AssertFails(1, ["threshold", disguised, "-s", "0", "-l", "1"], $"{disguised}: a NumPy .npy file; {Reads}");
        File.WriteAllBytes(disguised, [.. "PAR1"u8, 0, 0, 0, 0, .. "PAR1"u8]);
        AssertFails(1, ["noise", disguised, "-t", "0"], $"{disguised}: a Parquet file; {Reads}");
        AssertFails(1, ["score", "--counts", disguised, "-t", "t", "-p", "p", "--count", "n"],
            $"{disguised}: a Parquet file; {Reads.Replace("this command", "--counts", StringComparison.Ordinal)}");
    }

    [Fact]
    public void OutputThroughALinkKeepsTheLinkAndAnEmptyNameIsUsage()
    {
        // The rename replaced the link itself with a regular file (and, as root, /dev/stdout or
        // /dev/null with one); now the link stays and its target gets the results.
        string iris = ReferenceCase.DataPath("iris.csv");
        string target = PathOf("target.json"), link = PathOf("link.json");
        File.WriteAllText(target, "old");
        File.CreateSymbolicLink(link, target);
        string expected = CliRunner.Ok("score", iris, "-t", "species", "-f", "json");
        Assert.Equal("", CliRunner.Ok("score", iris, "-t", "species", "-f", "json", "-o", link));
        Assert.Equal(target, new FileInfo(link).LinkTarget);
        Assert.Equal(expected, File.ReadAllText(target));
        Assert.Equal(["link.json", "target.json"],
            Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName).Order());

        AssertFails(2, ["score", iris, "-t", "species", "-o", ""], "-o needs a file name ('-' for stdout).");
        AssertFails(2, ["report", iris, "-t", "species", "-p", "kmeans_k3", "-o", ""],
            "-o needs a file name ('-' for stdout).");
    }

    [Fact]
    public void ReportToStdoutIsNotAFileNamedDash()
    {
        string iris = ReferenceCase.DataPath("iris.csv");
        (int exit, string stdout, string stderr) = InputFormatTests.Run("report", iris, "-t", "species", "-p",
            "kmeans_k3", "-r", "1", "-o", "-");
        Assert.Equal(0, exit);
        Assert.StartsWith("<!DOCTYPE html>", stdout, StringComparison.Ordinal);
        Assert.Contains("mifast: wrote the report to stdout", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists("-"));
    }

    [Theory]
    [InlineData(10_000_000_000_000_000L, 0.69314718055993979800)]
    [InlineData(100_000_000_000_000_000L, 0.69314718055994472374)]
    [InlineData(1_000_000_000_000_000_000L, 0.69314718055994524740)]
    public void HugeCountsWithATinyCellKeepTheirMutualInformation(long big, double exact)
    {
        // A cell of 3 beside cells of ~10^17: n·n_ij/(a_i·b_j) is below 2^-53, so log1p of the
        // rounded difference was ln 0 = -inf and the MI clamped to 0. Exact values: mpmath, 50
        // digits, of Σ (n_ij/n)·ln(n·n_ij/(a_i·b_j)).
        ContingencyTable table = ContingencyTable.FromCounts<int, int>([1, 2, 1], [1, 2, 2], [big, big, 3]);
        // Through the library only: the CLI also computes AMI, whose exact hypergeometric walk
        // takes minutes at n = 10^18 (README, Limitations).
        Assert.Equal(exact, ClusterMetrics.MutualInfoScore(table), 1e-15);
        ClusterScores scores = ClusterMetrics.Compare(table);
        Assert.Equal(exact, scores.MutualInfo, 1e-15);
        Assert.True(scores.NormalizedMutualInfo > 0.99, $"NMI {scores.NormalizedMutualInfo:R}");
    }
}
