using System.CommandLine;
using System.Globalization;
using MiFast.Analysis;
using MiFast.Cli.Input;
using MiFast.Cli.Report;

namespace MiFast.Cli.Commands;

/// <summary><c>mifast report FILE --truth COL --pred COL [--score COL] -o report.html</c>: one
/// self-contained HTML page of scores and plots that opens offline.</summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, Option<bool> quiet)
    {
        Argument<string?> file = AnalysisCommon.FileArgument(
            "CSV or TSV label file with a header row, optionally gzip. Without it, the embedded penguins sample.");
        Option<string?> truth = new("--truth", "-t") { Description = "The column of true labels (classes)." };
        Option<string?> pred = new("--pred", "-p") { Description = "The column of predicted labels (clusters)." };
        Option<string?> score = new("--score", "-s")
        {
            Description = "A column of classifier scores: adds the MI-optimal threshold sweep against the truth, "
                + "which must then be binary (or name its positive value with --positive).",
        };
        Option<string?> positive = new("--positive") { Description = "The positive value of the truth, for --score." };
        Option<double> compareAt = new("--compare-at")
        {
            Description = "The fixed threshold marked on the sweep (default 0.5).",
            DefaultValueFactory = _ => 0.5,
        };
        Option<string> output = new("--output", "-o") { Description = "The HTML file to write.", Required = true };
        Option<int> repeats = new("--repeats", "-r")
        {
            Description = "Noise study repeats per probability (default 10).",
            DefaultValueFactory = _ => 10,
        };
        Option<ulong> seed = new("--seed")
        {
            Description = "Noise study seed (default 42).",
            DefaultValueFactory = _ => 42,
        };
        Option<string> average = new("--average-method")
        {
            Description = "The mean of the two entropies that normalizes NMI and AMI.",
            DefaultValueFactory = _ => "arithmetic",
        };
        average.AcceptOnlyFromAmong("arithmetic", "geometric", "min", "max");
        Option<LogBase> logBase = AnalysisCommon.LogBaseOption();
        Command command = new("report", "Write one self-contained HTML report (scores, heatmaps, noise curve, "
            + "threshold sweep) that opens offline.")
        {
            file, truth, pred, score, positive, compareAt, output, repeats, seed, average, logBase,
        };
        command.SetAction(parse => Run(new Settings(parse.GetValue(file), parse.GetValue(truth),
            parse.GetValue(pred), parse.GetValue(score), parse.GetValue(positive), parse.GetValue(compareAt),
            parse.GetValue(output)!, parse.GetValue(repeats), parse.GetValue(seed),
            Enum.Parse<AverageMethod>(parse.GetValue(average)!, ignoreCase: true), parse.GetValue(logBase)),
            stdout, parse.GetValue(quiet) ? TextWriter.Null : stderr));
        return command;
    }

    /// <summary>The heatmaps hold every cell of the R × C table: a million cells is a page of
    /// tens of MB that a browser can still draw.</summary>
    private const long MaxCells = 1_000_000;

    private sealed record Settings(string? File, string? Truth, string? Pred, string? Score, string? Positive,
        double CompareAt, string Output, int Repeats, ulong Seed, AverageMethod AverageMethod, LogBase LogBase);

    private static int Run(Settings s, TextWriter stdout, TextWriter stderr)
    {
        string? truth = s.Truth, pred = s.Pred;
        if (s.File is null)
        {
            truth ??= LabelColumns.SampleTruth;
            pred ??= "kmeans_k3";
            stderr.WriteLine($"mifast: no FILE given; reporting on the embedded sample {LabelColumns.SampleName}: "
                + $"{truth} against {pred}.");
        }

        if (truth is null || pred is null)
        {
            throw new CliException("--truth COL and --pred COL are required with a FILE.", ExitCodes.UsageError);
        }

        if (double.IsNaN(s.CompareAt)) throw new CliException("--compare-at must be a number.", ExitCodes.UsageError);
        NoiseStudyOptions noiseOptions = NoiseCommand.Options(10, s.Repeats, s.Seed, s.AverageMethod, s.LogBase);

        string source = s.File ?? LabelColumns.SampleName;
        string[] wanted = s.Score is null ? [truth, pred] : [truth, pred, s.Score];
        string[][] columns = AnalysisCommon.ReadColumns(s.File, wanted);
        ContingencyTable<string, string> table = ContingencyTable.Create<string, string>(columns[0], columns[1]);
        if ((long)table.RowCount * table.ColumnCount > MaxCells)
        {
            throw new CliException(string.Create(CultureInfo.InvariantCulture,
                $"{source}: {truth} x {pred} is a {table.RowCount:N0} x {table.ColumnCount:N0} table; the report draws "
                + $"every cell and takes at most {MaxCells:N0} (mifast contributions lists the non-empty cells)."));
        }

        NoiseStudyResult noise = NoiseStudy.Run<string>(columns[0], noiseOptions);

        ThresholdReport? threshold = null;
        if (s.Score is not null)
        {
            double[] scores = AnalysisCommon.ParseScores(columns[2], source, s.Score);
            bool[] labels = ThresholdCommand.Positives(columns[0], s.Positive, source, truth, out string positiveLabel);
            threshold = new ThresholdReport(s.Score, positiveLabel, ThresholdSearch.Find(scores, labels),
                ThresholdSearch.Evaluate(scores, labels, s.CompareAt));
        }

        string html = HtmlReport.Build(new ReportInput(source, truth, pred, table, s.LogBase, s.AverageMethod, noise,
            threshold));
        Output.AtomicOutput.Write(s.Output, html, stdout);
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mifast: wrote {(s.Output == "-" ? "the report to stdout" : s.Output)} "
            + $"({html.Length / 1024.0 / 1024.0:F1} MB, opens offline)."));
        return ExitCodes.Success;
    }
}
