using System.Globalization;
using System.IO.Compression;
using MiFast.Cli;

namespace MiFast.Tests.Cli;

/// <summary>Runs <c>mifast</c> in-process, stdout and stderr captured (so redirected: no progress bar).</summary>
internal static class CliRunner
{
    public static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int exit = MiFastCommand.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs a command that must succeed and returns its stdout.</summary>
    public static string Ok(params string[] args)
    {
        (int exit, string stdout, string stderr) = Run(args);
        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        return stdout;
    }

    /// <summary>The lines of a plain or gzip CSV of the test data (no quoting there), header first.</summary>
    public static string[][] ReadRows(string path)
    {
        using Stream file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal)
            ? new GZipStream(file, CompressionMode.Decompress)
            : file;
        using var reader = new StreamReader(stream);
        return [.. reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(','))];
    }
}
