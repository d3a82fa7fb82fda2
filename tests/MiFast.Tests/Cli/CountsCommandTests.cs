using System.IO.Compression;
using System.Text;
using MiFast.Tests.Golden;

namespace MiFast.Tests.Cli;

/// <summary><c>mifast score --counts</c>: a GROUP BY result scores exactly as the labels do.</summary>
public sealed class CountsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mifast-counts-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, string, string> Pairs() => new()
    {
        { "digits.csv", "digit", "kmeans_k20" },
        { "digits.csv", "ward_k10", "gmm_full_k10_pca30" },
        { "penguins.csv", "species", "sex" },
        { "iris.csv", "species", "gmm_full_k3" },
        { "wine.csv", "cultivar", "ward_k3" },
        { "letter.csv.gz", "letter", "kmeans_k26" },
        { "shuttle.csv.gz", "class", "kmeans_k20" },
        { "fashion_mnist.csv.gz", "class", "kmeans_k30_pca50" },
    };

    /// <summary>The counts of a real file, grouped by our own code, written as a SQL engine would
    /// (any row order); then split into repeated pairs and padded with zero counts, which must
    /// not change a bit.</summary>
    [Theory]
    [MemberData(nameof(Pairs))]
    public void CountsScoreExactlyAsTheLabels(string file, string truth, string pred)
    {
        string path = ReferenceCase.DataPath(file);
        string[][] rows = CliRunner.ReadRows(path);
        int t = Array.IndexOf(rows[0], truth), p = Array.IndexOf(rows[0], pred);
        var groups = rows.Skip(1).GroupBy(r => (r[t], r[p])).Select(g => (g.Key.Item1, g.Key.Item2, (long)g.Count()))
            .ToList();

        var random = new Random(4);
        var shuffled = groups.OrderBy(_ => random.Next()).ToList();
        string grouped = WriteCounts("grouped.csv", ',', truth, pred, shuffled);

        var split = new List<(string, string, long)>();
        foreach ((string a, string b, long n) in shuffled)
        {
            split.Add((a, b, n - (n / 3)));
            if (n >= 3) split.Add((a, b, n / 3));
        }

        split.Add((shuffled[0].Item1, shuffled[^1].Item2, 0));
        split.Add((shuffled[^1].Item1, shuffled[0].Item2, 0));
        string splitPath = WriteCounts("split.tsv.gz", '\t', truth, pred, split.OrderBy(_ => random.Next()));

        string direct = CliRunner.Ok("score", path, "-t", truth, "-p", pred, "-f", "json");
        Assert.Equal(direct, CliRunner.Ok("score", "--counts", grouped, "-t", truth, "-p", pred, "--count", "n",
            "-f", "json"));
        Assert.Equal(direct, CliRunner.Ok("score", "--counts", splitPath, "-t", truth, "-p", pred, "--count", "n",
            "-f", "json"));
        Assert.Equal(CliRunner.Ok("score", path, "-t", truth, "-p", pred, "-f", "json", "--average-method", "min"),
            CliRunner.Ok("score", "--counts", grouped, "-t", truth, "-p", pred, "--count", "n", "-f", "json",
                "--average-method", "min"));
    }

    /// <summary>Quoted labels (a comma, a doubled quote), non-ASCII text and CRLF line ends, as
    /// SQL engines' CSV exports write them.</summary>
    [Fact]
    public void QuotedLabelsFromAnotherWriter()
    {
        string labels = Write("labels.csv",
            "t,p\n\"a,1\",x\n\"a,1\",x\n\"b\"\"q\",x\n\"b\"\"q\",ÿ\nc,ÿ\n");
        string counts = Write("counts.csv",
            "t,p,n\r\n\"a,1\",x,2\r\n\"b\"\"q\",x,1\r\n\"b\"\"q\",ÿ,1\r\nc,ÿ,1\r\n");
        Assert.Equal(CliRunner.Ok("score", labels, "-t", "t", "-p", "p", "-f", "json"),
            CliRunner.Ok("score", "--counts", counts, "-t", "t", "-p", "p", "--count", "n", "-f", "json"));
    }

    [Theory]
    [InlineData("-3", "line 3, column 'n': the count -3 is negative")]
    [InlineData("1.5", "line 3, column 'n': the count '1.5' is not a whole number")]
    [InlineData("2.0", "line 3, column 'n': the count '2.0' is not a whole number")]
    [InlineData("1e3", "line 3, column 'n': the count '1e3' is not a whole number")]
    [InlineData("+4", "line 3, column 'n': the count '+4' is not a whole number")]
    [InlineData(" 4", "line 3, column 'n': the count ' 4' is not a whole number")]
    [InlineData("many", "line 3, column 'n': the count 'many' is not a whole number")]
    [InlineData("", "line 3, column 'n': empty field (a missing count)")]
    [InlineData("9223372036854775808", "line 3, column 'n': the count 9223372036854775808 exceeds")]
    public void BadCountIsAnErrorNamingFileLineAndColumn(string count, string message)
    {
        string path = Write("bad.csv", $"t,p,n\na,x,3\nb,y,{count}\n");
        (int exit, string stdout, string stderr) = CliRunner.Run(
            "score", "--counts", path, "-t", "t", "-p", "p", "--count", "n");
        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.StartsWith($"mifast: error: {path}: {message}", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void CountsAddingUpPastInt64AreAnError()
    {
        string path = Write("big.csv", "t,p,n\na,x,9223372036854775807\nb,y,1\n");
        (int exit, _, string stderr) = CliRunner.Run("score", "--counts", path, "-t", "t", "-p", "p", "--count", "n");
        Assert.Equal(1, exit);
        Assert.Contains("the counts add up to more than 9223372036854775807", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ZeroCountsAreAllowedAndIgnored()
    {
        string withZeros = Write("zeros.csv", "t,p,n\na,x,2\nb,y,0\nb,x,1\nz,z,0\n");
        string labels = Write("labels.csv", "t,p\na,x\na,x\nb,x\n");
        Assert.Equal(CliRunner.Ok("score", labels, "-t", "t", "-p", "p", "-f", "json"),
            CliRunner.Ok("score", "--counts", withZeros, "-t", "t", "-p", "p", "--count", "n", "-f", "json"));
    }

    [Fact]
    public void UnknownCountColumnListsTheColumns()
    {
        string path = Write("c.csv", "t,p,n\na,x,1\n");
        (int exit, _, string stderr) = CliRunner.Run(
            "score", "--counts", path, "-t", "t", "-p", "p", "--count", "count");
        Assert.Equal(1, exit);
        Assert.Equal($"mifast: error: {path}: no column 'count'; the columns are: t, p, n.\n", stderr);
    }

    [Fact]
    public void HeaderOnlyAndMissingFileAreDataErrors()
    {
        string header = Write("h.csv", "t,p,n\n");
        (int exit, _, string stderr) = CliRunner.Run("score", "--counts", header, "-t", "t", "-p", "p", "--count", "n");
        Assert.Equal(1, exit);
        Assert.Contains("header row but no data rows", stderr, StringComparison.Ordinal);

        string missing = Path.Combine(_dir, "nope.csv");
        (exit, _, stderr) = CliRunner.Run("score", "--counts", missing, "-t", "t", "-p", "p", "--count", "n");
        Assert.Equal(1, exit);
        Assert.Equal($"mifast: error: {missing}: no such file.\n", stderr);
    }

    [Theory]
    [InlineData("--count", "n", "needs --truth COL, one --pred COL and --count COL")]
    [InlineData("--pred-all", null, "needs --truth COL, one --pred COL and --count COL")]
    [InlineData("--engine", "duckdb", "--counts and --engine duckdb cannot be combined")]
    [InlineData("--missing", "drop", "--missing drop cannot be combined with --counts")]
    [InlineData("--missing", "label", "--missing label cannot be combined with --counts")]
    [InlineData("--input-format", "tsv", "--input-format cannot be combined with --counts")]
    public void CountsUsageErrorsExitTwo(string option, string? value, string message)
    {
        string path = Write("c.csv", "t,p,n\na,x,1\n");
        List<string> args = ["score", "--counts", path, "-t", "t", option];
        if (value is not null) args.Add(value);
        if (option != "--count") args.AddRange(["--count", "n"]);
        (int exit, _, string stderr) = CliRunner.Run([.. args]);
        Assert.Equal(2, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void CountWithoutCountsIsAUsageError()
    {
        string path = Write("l.csv", "t,p\na,x\n");
        (int exit, _, string stderr) = CliRunner.Run("score", path, "-t", "t", "--count", "n");
        Assert.Equal(2, exit);
        Assert.Contains("--count names a column of a --counts FILE", stderr, StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    private string WriteCounts(string name, char separator, string truth, string pred,
        IEnumerable<(string, string, long)> rows)
    {
        var text = new StringBuilder();
        text.Append(truth).Append(separator).Append(pred).Append(separator).Append("n\n");
        foreach ((string a, string b, long n) in rows)
        {
            text.Append(a).Append(separator).Append(b).Append(separator).Append(n).Append('\n');
        }

        string path = Path.Combine(_dir, name);
        byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
        if (name.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var output = new MemoryStream();
            using (var zip = new GZipStream(output, CompressionLevel.Fastest)) zip.Write(bytes);
            bytes = output.ToArray();
        }

        File.WriteAllBytes(path, bytes);
        return path;
    }
}
