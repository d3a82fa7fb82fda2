using System.Globalization;
using System.IO.Compression;
using System.Text;
using MiFast.Cli;
using MiFast.Tests.Golden;

namespace MiFast.Tests.Cli;

/// <summary><c>mifast score</c>: formats, other writers of CSV, and every bad input.</summary>
public sealed class ScoreCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mifast-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string content, bool gzip = false, bool bom = false)
    {
        string path = Path.Combine(_dir, name);
        byte[] bytes = [.. (bom ? Encoding.UTF8.GetPreamble() : []), .. Encoding.UTF8.GetBytes(content)];
        if (gzip)
        {
            using var output = new MemoryStream();
            using (var zip = new GZipStream(output, CompressionLevel.Optimal)) zip.Write(bytes);
            bytes = output.ToArray();
        }

        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int exit = MiFastCommand.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private const string Small = "t,p,q\na,x,1\na,x,2\nb,y,1\nb,x,2\nc,y,3\n";

    private static double MutualInfoOf(string[] args) =>
        RealDataTests.RunJson(args)[0].GetProperty("mutual_info_score").GetDouble();

    [Fact]
    public void JsonHasExactlyTheDocumentedKeys()
    {
        string path = Write("small.csv", Small);
        var row = RealDataTests.RunJson(["score", path, "--truth", "t", "--pred", "p", "--format", "json"])[0];
        Assert.Equal(
            ["truth", "pred", "n_samples", "n_classes", "n_clusters", "mutual_info_score",
             "normalized_mutual_info_score", "adjusted_mutual_info_score", "adjusted_rand_score", "rand_score",
             "homogeneity_score", "completeness_score", "v_measure_score", "fowlkes_mallows_score",
             "entropy_true", "entropy_pred", "variation_of_information"],
            row.EnumerateObject().Select(p => p.Name));
        double expected = ClusterMetrics.MutualInfoScore<string, string>(
            ["a", "a", "b", "b", "c"], ["x", "x", "y", "x", "y"]);
        Assert.Equal(expected, row.GetProperty("mutual_info_score").GetDouble());
    }

    [Fact]
    public void DefaultPredictionsAreEveryOtherColumn()
    {
        var rows = RealDataTests.RunJson(["score", Write("small.csv", Small), "--truth", "q", "-f", "json"]);
        Assert.Equal(["t", "p"], rows.EnumerateArray().Select(r => r.GetProperty("pred").GetString()));
    }

    [Fact]
    public void CsvHasOneRowPerPrediction()
    {
        (int exit, string stdout, _) = Run(
            "score", Write("small.csv", Small), "--truth", "t", "--pred", "p", "--pred", "q", "-f", "csv");
        Assert.Equal(0, exit);
        string[] lines = stdout.TrimEnd().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("truth,pred,n_samples,n_classes,n_clusters,mutual_info_score,", lines[0],
            StringComparison.Ordinal);
        Assert.StartsWith("t,q,5,3,3,", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void TableShowsEveryPrediction()
    {
        (int exit, string stdout, _) = Run("score", Write("small.csv", Small), "--truth", "t");
        Assert.Equal(0, exit);
        Assert.Contains("adjusted MI", stdout, StringComparison.Ordinal);
        Assert.Contains(" p ", stdout, StringComparison.Ordinal);
        Assert.Contains(" q ", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherWritersOfTheSameDataAgree()
    {
        // Quoted fields (with separators inside), CRLF, a BOM, TSV, gzip with or without .gz.
        double expected = MutualInfoOf(["score", Write("small.csv", Small), "-t", "t", "-p", "p", "-f", "json"]);
        string quoted =
            "\"t\",\"p\"\r\n\"a\",\"x,1\"\r\n\"a\",\"x,1\"\r\n\"b\",\"y\"\"\"\r\nb,x,1\r\n\"c\",\"y\"\"\"\r\n"
            .Replace("b,x,1", "\"b\",\"x,1\"", StringComparison.Ordinal);
        Assert.Equal(expected, MutualInfoOf(
            ["score", Write("quoted.csv", quoted, bom: true), "-t", "t", "-p", "p", "-f", "json"]));
        string tsv = Small.Replace(',', '\t');
        Assert.Equal(expected, MutualInfoOf(
            ["score", Write("small.tsv", tsv), "-t", "t", "-p", "p", "-f", "json"]));
        Assert.Equal(expected, MutualInfoOf(
            ["score", Write("small.tsv.gz", tsv, gzip: true), "-t", "t", "-p", "p", "-f", "json"]));
        Assert.Equal(expected, MutualInfoOf(
            ["score", Write("small.dat", Small, gzip: true), "-t", "t", "-p", "p", "-f", "json"]));
        Assert.Equal(expected, MutualInfoOf(
            ["score", Write("noeol.csv", Small.TrimEnd('\n')), "-t", "t", "-p", "p", "-f", "json"]));
    }

    [Fact]
    public void AverageMethodAndBetaReachTheScores()
    {
        string path = Write("small.csv", Small);
        var row = RealDataTests.RunJson(
            ["score", path, "-t", "t", "-p", "p", "-f", "json", "--average-method", "max", "--beta", "2"])[0];
        string[] t = ["a", "a", "b", "b", "c"], p = ["x", "x", "y", "x", "y"];
        Assert.Equal(ClusterMetrics.NormalizedMutualInfoScore<string, string>(t, p, AverageMethod.Max),
            row.GetProperty("normalized_mutual_info_score").GetDouble());
        Assert.Equal(ClusterMetrics.AdjustedMutualInfoScore<string, string>(t, p, AverageMethod.Max),
            row.GetProperty("adjusted_mutual_info_score").GetDouble());
        Assert.Equal(ClusterMetrics.VMeasureScore<string, string>(t, p, 2),
            row.GetProperty("v_measure_score").GetDouble());
    }

    [Fact]
    public void MissingFileIsADataError()
    {
        (int exit, string stdout, string stderr) = Run("score", Path.Combine(_dir, "nope.csv"), "--truth", "t");
        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.Contains("nope.csv: no such file", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingColumnListsTheAvailableOnes()
    {
        (int exit, string stdout, string stderr) = Run(
            "score", Write("small.csv", Small), "--truth", "t", "--pred", "zz");
        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.Contains("no column 'zz'", stderr, StringComparison.Ordinal);
        Assert.Contains("t, p, q", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void RaggedRowGivesItsLineNumber()
    {
        (int exit, string stdout, string stderr) = Run(
            "score", Write("ragged.csv", "t,p\na,x\nb,y,z\nc,y\n"), "--truth", "t");
        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.Contains("ragged.csv: line 3: 3 fields, but the header has 2", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyFieldGivesLineAndColumn()
    {
        (int exit, _, string stderr) = Run("score", Write("hole.csv", "t,p\na,x\nb,\n"), "--truth", "t");
        Assert.Equal(1, exit);
        Assert.Contains("hole.csv: line 3, column 'p': empty field", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("t,p\n", "header row but no data rows")]
    public void EmptyInputsAreDataErrors(string content, string message)
    {
        (int exit, string stdout, string stderr) = Run("score", Write("empty.csv", content), "--truth", "t");
        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.2)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(-1)]
    [InlineData(-4)]
    public void TruncatedGzipIsADataErrorNotFewerRows(double cut)
    {
        // Regression: .NET's GZipStream ends quietly at a truncation, which scored the rows read.
        string rows = string.Concat(Enumerable.Range(0, 5000).Select(i => $"{i % 7},{i % 5}\n"));
        string path = Write("cut.csv.gz", "t,p\n" + rows, gzip: true);
        byte[] bytes = File.ReadAllBytes(path);
        int length = cut < 0 ? bytes.Length + (int)cut : (int)(bytes.Length * cut);
        File.WriteAllBytes(path, bytes[..length]);
        (int exit, string stdout, string stderr) = Run("score", path, "--truth", "t");
        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.Contains("cut.csv.gz: not a valid gzip file, or truncated", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ConcatenatedGzipMembersAreOneFile()
    {
        // gzip allows several members back to back (cat a.gz b.gz); all rows count.
        string first = Write("a.gz", "t,p\na,x\na,x\n", gzip: true);
        string second = Write("b.gz", "b,y\nc,y\nb,x\n", gzip: true);
        string both = Path.Combine(_dir, "both.csv.gz");
        File.WriteAllBytes(both, [.. File.ReadAllBytes(first), .. File.ReadAllBytes(second)]);
        var row = RealDataTests.RunJson(["score", both, "-t", "t", "-p", "p", "-f", "json"])[0];
        Assert.Equal(5, row.GetProperty("n_samples").GetInt64());
        Assert.Equal(MutualInfoOf(["score", Write("small.csv", Small), "-t", "t", "-p", "p", "-f", "json"]),
            row.GetProperty("mutual_info_score").GetDouble());
    }

    [Fact]
    public void UnknownOptionIsNamed()
    {
        (int exit, _, string stderr) = Run("score", "--no-such-option", "--truth", "t");
        Assert.Equal(2, exit);
        Assert.Contains("--no-such-option", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("score", "--format", "xml")]
    [InlineData("score", "--average-method", "median")]
    [InlineData("score", "--beta", "-1")]
    [InlineData("score", "--beta", "abc")]
    [InlineData("score", "--no-such-option")]
    [InlineData("frobnicate")]
    [InlineData]
    public void UsageErrorsExitTwo(params string[] args)
    {
        (int exit, string stdout, string stderr) = Run(args);
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.StartsWith("mifast: error: ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void FileWithoutTruthIsAUsageError()
    {
        (int exit, _, string stderr) = Run("score", Write("small.csv", Small));
        Assert.Equal(2, exit);
        Assert.Contains("--truth", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateColumnNameIsADataErrorNotACrash()
    {
        // Regression: Sep refused the header with an exception that escaped as a stack trace.
        string path = Write("dup.csv", "a,b,a\n1,2,3\n1,3,4\n");
        (int exit, string stdout, string stderr) = Run("score", path, "--truth", "a");
        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.Contains("dup.csv: the header names column 'a' 2 times (columns 1, 3)", stderr,
            StringComparison.Ordinal);

        // Columns that are not repeated can still be scored.
        var row = RealDataTests.RunJson(["score", path, "--truth", "b", "--pred", "b", "-f", "json"])[0];
        Assert.Equal(1.0, row.GetProperty("normalized_mutual_info_score").GetDouble());
    }

    [Fact]
    public void BlankLinesAreNoRows()
    {
        double expected = MutualInfoOf(["score", Write("small.csv", Small), "-t", "t", "-p", "p", "-f", "json"]);
        string blanks = Small.Replace("b,y,1\n", "\nb,y,1\n\n", StringComparison.Ordinal) + "\n\n";
        var row = RealDataTests.RunJson(["score", Write("blank.csv", blanks), "-t", "t", "-p", "p", "-f", "json"])[0];
        Assert.Equal(5, row.GetProperty("n_samples").GetInt64());
        Assert.Equal(expected, row.GetProperty("mutual_info_score").GetDouble());
    }

    [Fact]
    public void UnclosedQuoteIsNamed()
    {
        (int exit, _, string stderr) = Run("score", Write("quote.csv", "a,b\n1,2\n\"1,2\n"), "--truth", "a");
        Assert.Equal(1, exit);
        Assert.Contains("quote.csv: line 3: a quote opened here is never closed", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void TruthAsTheOnlyColumnIsADataError()
    {
        (int exit, string stdout, string stderr) = Run("score", Write("one.csv", "a\n1\n2\n"), "--truth", "a");
        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.Contains("the truth 'a' is the only column", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void SampleMessageNamesTheColumnsScored()
    {
        var rows = RealDataTests.RunJson(["score", "--truth", "island", "--pred", "sex", "-f", "json"],
            out string stderr);
        Assert.Contains("island against sex", stderr, StringComparison.Ordinal);
        Assert.Equal("island", rows[0].GetProperty("truth").GetString());
        Assert.Equal(1, rows.GetArrayLength());
    }

    [Fact]
    public void JsonKeepsNonAsciiNamesReadable()
    {
        string path = Write("u.csv", "vérité,groupe \"A\"\nx,1\ny,2\n");
        (int exit, string stdout, _) = Run("score", path, "-t", "vérité", "-f", "json");
        Assert.Equal(0, exit);
        Assert.Contains("\"truth\": \"vérité\"", stdout, StringComparison.Ordinal);
        System.Text.Json.JsonElement row = System.Text.Json.JsonDocument.Parse(stdout).RootElement[0];
        Assert.Equal("groupe \"A\"", row.GetProperty("pred").GetString());
    }

    [Fact]
    public void HelpNamesTheCommandMifast()
    {
        (int exit, string stdout, _) = Run("score", "--help");
        Assert.Equal(0, exit);
        Assert.Contains("mifast score [<FILE>] [options]", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void UnclosedQuoteIsAnErrorNotOneRow()
    {
        // Regression: the open quote swallowed every later line into one field, scored as n = 1.
        string path = Write("open.csv", "t,p\na,\"x\nb,y\nc,z\nd,w\n");
        (int exit, string stdout, string stderr) = Run("score", path, "-t", "t", "-f", "csv");
        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.Contains("open.csv: line 2: a quote opened here is never closed", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8IsAnErrorNotMergedLabels()
    {
        // Regression: 0xE9 and 0xE8 both decoded to U+FFFD, one class instead of two.
        string path = Path.Combine(_dir, "latin1.csv");
        File.WriteAllBytes(path, [.. "t,p\n"u8, 0xE9, .. ",x\n"u8, 0xE8, .. ",y\n"u8]);
        (int exit, string stdout, string stderr) = Run("score", path, "-t", "t");
        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.Contains("latin1.csv: not UTF-8 text", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1,5")]
    [InlineData("1,,5")]
    [InlineData("1_000")]
    public void BetaWithSeparatorsIsAUsageError(string beta)
    {
        (int exit, string stdout, string stderr) = Run("score", Write("small.csv", Small), "-t", "t", "--beta", beta);
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains("--beta", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void BetaZeroWithZeroCompletenessIsZeroNotNaN()
    {
        // β = 0 and c = 0: V = 0/0, which scikit-learn returns as NaN and JSON cannot hold.
        var row = RealDataTests.RunJson(["score", Write("c.csv", "t,p\na,x\na,y\n"), "-t", "t", "--beta", "0",
            "-f", "json"])[0];
        Assert.Equal(0.0, row.GetProperty("v_measure_score").GetDouble());
    }

    [Fact]
    public void CorruptGzipNeverCrashes()
    {
        // Every single-bit flip in the compressed bytes: a score (the flip was harmless) or exit 1.
        string rows = string.Concat(Enumerable.Range(0, 300).Select(i => $"{i * 7 % 6},{i * 5 % 8}\n"));
        string path = Write("flip.csv.gz", "t,p\n" + rows, gzip: true);
        byte[] original = File.ReadAllBytes(path);
        for (int bit = 10 * 8; bit < original.Length * 8; bit += 7)
        {
            byte[] flipped = [.. original];
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            File.WriteAllBytes(path, flipped);
            (int exit, _, string stderr) = Run("score", path, "-t", "t", "-f", "csv");
            Assert.True(exit is 0 or 1, $"bit {bit}: exit {exit}: {stderr}");
            Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void GzipIsDetectedOnStreamsThatCannotSeek()
    {
        byte[] gz;
        using (var buffer = new MemoryStream())
        {
            using (var zip = new GZipStream(buffer, CompressionLevel.Optimal)) zip.Write(Encoding.UTF8.GetBytes(Small));
            gz = buffer.ToArray();
        }

        var pipe = new MiFast.Cli.Input.PrefixedStream(ReadOnlyMemory<byte>.Empty, new MemoryStream(gz));
        using var reader = new MiFast.Cli.Input.CsvLabelReader(
            MiFast.Cli.Input.LabelFiles.MaybeGunzip(pipe, out bool gzip), "pipe", ',', gzip, 1000);
        Assert.True(gzip);
        reader.Select(["t"], MiFast.Cli.Input.MissingPolicy.Error);
        Assert.Equal(5, reader.Read());
    }

    [Fact]
    public void MisspelledTruthIsNamedBeforeAnyRowIsRead()
    {
        (int exit, _, string stderr) = Run("score", Write("hole.csv", "t,p\na,x\nb,\n"), "--truth", "nope");
        Assert.Equal(1, exit);
        Assert.Contains("no column 'nope'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AtSignIsAColumnNameNotAResponseFile()
    {
        var row = RealDataTests.RunJson(["score", Write("at.csv", "@t,@p\na,x\nb,y\n"), "-t", "@t", "-p", "@p",
            "-f", "json"])[0];
        Assert.Equal("@p", row.GetProperty("pred").GetString());
    }

    [Fact]
    public void WideTablesDoNotWrapNumbers()
    {
        var header = string.Join(",", Enumerable.Range(0, 601).Select(i => $"c{i}"));
        var line = string.Join(",", Enumerable.Range(0, 601)
            .Select(i => (i % 3).ToString(CultureInfo.InvariantCulture)));
        (int exit, string stdout, _) = Run("score", Write("wide.csv", $"{header}\n{line}\n{line}\n"), "-t", "c0");
        Assert.Equal(0, exit);
        string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(601, lines.Single(l => l.Contains("adjusted Rand", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Length - 1);
    }
}
