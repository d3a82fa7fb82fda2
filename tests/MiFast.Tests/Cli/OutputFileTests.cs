using MiFast.Cli;
using MiFast.Cli.Output;
using MiFast.Tests.Golden;

namespace MiFast.Tests.Cli;

/// <summary><c>-o FILE</c>: the file appears whole or not at all; an existing file survives a failure.</summary>
public sealed class OutputFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mifast-output-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly string Iris = ReferenceCase.DataPath("iris.csv");

    [Theory]
    [InlineData("json")]
    [InlineData("csv")]
    [InlineData("table")]
    public void ScoreOutputFileHoldsExactlyWhatStdoutWould(string format)
    {
        string target = Path.Combine(_dir, "scores." + format);
        (int exit, string stdout, _) = CliRunner.Run("score", Iris, "-t", "species", "-f", format, "-o", target);
        Assert.Equal(0, exit);
        Assert.Equal("", stdout);
        Assert.Equal(CliRunner.Ok("score", Iris, "-t", "species", "-f", format), File.ReadAllText(target));
        Assert.Equal(["scores." + format], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void ExistingFileIsReplacedWhole()
    {
        string target = Path.Combine(_dir, "scores.json");
        File.WriteAllText(target, new string('x', 100_000));
        CliRunner.Ok("score", Iris, "-t", "species", "-f", "json", "-o", target);
        Assert.Equal(CliRunner.Ok("score", Iris, "-t", "species", "-f", "json"), File.ReadAllText(target));
    }

    [Fact]
    public void FailureMidWayLeavesNoFileAndTheOldOneUntouched()
    {
        string fresh = Path.Combine(_dir, "fresh.txt");
        var failure = Assert.Throws<CliException>(() => AtomicOutput.Write(fresh, writer =>
        {
            writer.Write(new string('a', 1 << 20));
            throw new IOException("No space left on device");
        }, TextWriter.Null));
        Assert.Equal($"{fresh}: cannot be written: No space left on device", failure.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));

        string existing = Path.Combine(_dir, "existing.txt");
        File.WriteAllText(existing, "old results\n");
        Assert.Throws<InvalidOperationException>(() => AtomicOutput.Write(existing, writer =>
        {
            writer.Write("half of the new");
            throw new InvalidOperationException("a bug while rendering");
        }, TextWriter.Null));
        Assert.Equal("old results\n", File.ReadAllText(existing));
        Assert.Equal([existing], Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void BadInputLeavesTheOldFileUntouched()
    {
        string target = Path.Combine(_dir, "scores.json");
        File.WriteAllText(target, "old results\n");
        string bad = Path.Combine(_dir, "bad.csv");
        File.WriteAllText(bad, "t,p\na,x\nb\n");
        (int exit, _, string stderr) = CliRunner.Run("score", bad, "-t", "t", "-o", target);
        Assert.Equal(1, exit);
        Assert.Contains("line 3: 1 fields, but the header has 2", stderr, StringComparison.Ordinal);
        Assert.Equal("old results\n", File.ReadAllText(target));
        Assert.Equal(2, Directory.GetFileSystemEntries(_dir).Length);
    }

    [Fact]
    public void UnwritablePathIsADataErrorAndNoFileAppears()
    {
        string target = Path.Combine(_dir, "no-such-dir", "scores.json");
        (int exit, string stdout, string stderr) = CliRunner.Run("score", Iris, "-t", "species", "-o", target);
        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Equal($"mifast: error: {target}: the directory {Path.GetDirectoryName(target)} does not exist.\n",
            stderr);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));

        (exit, _, stderr) = CliRunner.Run("matrix", Iris, "-m", "rand_score", "-o", _dir);
        Assert.Equal(1, exit);
        Assert.Equal($"mifast: error: {_dir}: is a directory; -o takes a file name.\n", stderr);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void DashIsStdout()
    {
        Assert.Equal(CliRunner.Ok("score", Iris, "-t", "species", "-f", "csv"),
            CliRunner.Ok("score", Iris, "-t", "species", "-f", "csv", "-o", "-"));
    }
}
