using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using MiFast.Cli;
using MiFast.Tests.Golden;

namespace MiFast.Tests.Report;

/// <summary><c>mifast report</c>: the page's content, and the page rendered in a real headless
/// browser (Debian's chromium) with the network cut off.</summary>
public sealed partial class ReportTests : IDisposable
{
    private static readonly string[] Plots = ["contingency", "contributions", "noise", "threshold"];

    private readonly string _dir = Directory.CreateTempSubdirectory("mifast-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int exit = MiFastCommand.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private string WriteReport(string name = "report.html", params string[] extra)
    {
        string path = Path.Combine(_dir, name);
        (int exit, _, string stderr) = Run(["report", ReferenceCase.DataPath("generated", "classifier.csv"),
            "--truth", "label", "--pred", "kmeans_k4", "--score", "score", "-o", path, .. extra]);
        Assert.True(exit == 0, stderr);
        return path;
    }

    [Fact]
    public void PageIsSelfContained()
    {
        string html = File.ReadAllText(WriteReport());
        Assert.DoesNotContain("<script src", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("plotly.js v", html, StringComparison.Ordinal);  // the library's banner, inline
        foreach (string plot in Plots) Assert.Contains($"id=\"plot-{plot}\"", html, StringComparison.Ordinal);

        // Units in the scores table, and the optimum next to the fixed threshold.
        Assert.Contains("<td>mutual information</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>nats</td>", html, StringComparison.Ordinal);
        Assert.Contains("MI at threshold 0.5", html, StringComparison.Ordinal);
        Assert.Contains("\"texttemplate\":\"%{z}\"", html, StringComparison.Ordinal);
        Assert.Contains("\"zmid\":0", html, StringComparison.Ordinal);
    }

    [Fact]
    public void BitsChangeTheUnitsAndWithoutScoreThereIsNoSweep()
    {
        string path = Path.Combine(_dir, "bits.html");
        (int exit, _, string stderr) = Run("report", ReferenceCase.DataPath("iris.csv"), "-t", "species", "-p",
            "kmeans_k3", "--log-base", "2", "-o", path);
        Assert.True(exit == 0, stderr);
        string html = File.ReadAllText(path);
        Assert.Contains("<td>bits</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"plot-threshold\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void BadInputWritesNoFile()
    {
        string path = Path.Combine(_dir, "bad.html");
        (int exit, _, string stderr) = Run("report", ReferenceCase.DataPath("iris.csv"), "-t", "species", "-p",
            "nope", "-o", path);
        Assert.Equal(1, exit);
        Assert.Contains("no column 'nope'", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(path));

        // A three-class truth cannot be thresholded without --positive.
        (exit, _, stderr) = Run("report", ReferenceCase.DataPath("iris.csv"), "-t", "species", "-p", "kmeans_k3",
            "--score", "kmeans_k3", "-o", path);
        Assert.Equal(1, exit);
        Assert.Contains("--positive", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void TablesTooLargeToDrawAreRefused()
    {
        string csv = Path.Combine(_dir, "ids.csv");
        File.WriteAllLines(csv, ["t,p", .. Enumerable.Range(0, 1001).Select(i => $"{i},{i}")]);
        string path = Path.Combine(_dir, "ids.html");
        (int exit, _, string stderr) = Run("report", csv, "-t", "t", "-p", "p", "-r", "1", "-o", path);
        Assert.Equal(1, exit);
        Assert.Contains("1,001 x 1,001 table", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    /// <summary>Every plot rendered its SVG in chromium, offline, with no script error; a
    /// screenshot is kept under the test output's artifacts folder.</summary>
    [Fact]
    public void RendersEveryPlotInHeadlessChromiumOffline()
    {
        string chromium = FindChromium() ?? throw new InvalidOperationException(
            "chromium is not installed, so the report cannot be checked in a real browser. Install it "
            + "(Debian: apt-get install chromium; .ci/run does this) and rerun.");
        string report = WriteReport();
        string profile = Path.Combine(_dir, "profile");

        // No network: every host resolves to nothing and every proxied request fails.
        string[] common =
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9",
            "--proxy-bypass-list=<-loopback>", $"--user-data-dir={profile}", "--hide-scrollbars",
            "--virtual-time-budget=15000",
        ];
        string dom = RunChromium(chromium, [.. common, "--dump-dom", new Uri(report).AbsoluteUri]);

        Match rendered = RenderedCount().Match(dom);
        Assert.True(rendered.Success, "the page never set data-plots-rendered");
        Assert.Equal(Plots.Length, int.Parse(rendered.Groups[1].Value, CultureInfo.InvariantCulture));
        foreach (string plot in Plots)
        {
            int start = dom.IndexOf($"id=\"plot-{plot}\"", StringComparison.Ordinal);
            Assert.True(start >= 0, $"no div for plot {plot}");
            int end = dom.IndexOf("</section>", start, StringComparison.Ordinal);
            string div = dom[start..end];
            Assert.Contains("class=\"main-svg\"", div, StringComparison.Ordinal);
            Assert.Contains("<svg", div, StringComparison.Ordinal);
        }

        Match errors = ErrorBlock().Match(dom);
        Assert.True(errors.Success, "the error block is missing");
        Assert.True(errors.Groups[1].Value.Contains("hidden", StringComparison.Ordinal)
            && errors.Groups[2].Value.Length == 0, $"script errors: {errors.Groups[2].Value}");

        // The screenshot, kept as a test artefact.
        string artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(artifacts);
        string png = Path.Combine(artifacts, "report.png");
        File.Delete(png);
        RunChromium(chromium, [.. common, "--window-size=1200,3300", $"--screenshot={png}",
            new Uri(report).AbsoluteUri]);
        byte[] bytes = File.ReadAllBytes(png);
        Assert.True(bytes.Length > 20_000, $"screenshot is only {bytes.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
    }

    [GeneratedRegex("data-plots-rendered=\"(\\d+)\"")]
    private static partial Regex RenderedCount();

    [GeneratedRegex("<pre id=\"report-errors\"([^>]*)>([^<]*)</pre>")]
    private static partial Regex ErrorBlock();

    private static string? FindChromium()
    {
        string[] names = ["chromium", "chromium-browser"];
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            foreach (string name in names)
            {
                string path = Path.Combine(dir, name);
                if (File.Exists(path)) return path;
            }
        }

        return null;
    }

    private static string RunChromium(string chromium, string[] args)
    {
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("chromium did not finish within 2 minutes");
        }

        Assert.True(process.ExitCode == 0, $"chromium exit {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }
}
