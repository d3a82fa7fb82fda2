using System.CommandLine;
using System.Globalization;
using MiFast.Analysis;
using MiFast.Cli.Input;
using nietras.SeparatedValues;
using Spectre.Console;

namespace MiFast.Cli.Commands;

/// <summary><c>mifast noise [FILE --truth COL]</c>: MI, NMI and AMI of the truth against noisy
/// copies of itself, and three reference labelings.</summary>
internal static class NoiseCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, Option<bool> quiet)
    {
        Argument<string?> file = AnalysisCommon.FileArgument(
            "CSV or TSV label file with a header row, optionally gzip. Without it, the embedded penguins sample.");
        Option<string?> truth = new("--truth", "-t") { Description = "The column of true labels." };
        Option<int> steps = new("--steps")
        {
            Description = "Noise probabilities 0, 1/S, ..., 1 (default 10).",
            DefaultValueFactory = _ => 10,
        };
        Option<int> repeats = new("--repeats", "-r")
        {
            Description = "Repeats per probability (default 10).",
            DefaultValueFactory = _ => 10,
        };
        Option<ulong> seed = new("--seed") { Description = "Random seed (default 42).", DefaultValueFactory = _ => 42 };
        Option<string> average = new("--average-method")
        {
            Description = "The mean of the two entropies that normalizes NMI and AMI.",
            DefaultValueFactory = _ => "arithmetic",
        };
        average.AcceptOnlyFromAmong("arithmetic", "geometric", "min", "max");
        Option<string> format = AnalysisCommon.FormatOption();
        Option<LogBase> logBase = AnalysisCommon.LogBaseOption();
        Command command = new("noise",
            "MI, NMI and AMI as labels are replaced by random ones with probability p, with reference rows.")
        {
            file, truth, steps, repeats, seed, average, format, logBase,
        };
        command.SetAction(parse => Run(parse.GetValue(file), parse.GetValue(truth), parse.GetValue(steps),
            parse.GetValue(repeats), parse.GetValue(seed),
            Enum.Parse<AverageMethod>(parse.GetValue(average)!, ignoreCase: true), parse.GetValue(format)!,
            parse.GetValue(logBase), stdout, parse.GetValue(quiet) ? TextWriter.Null : stderr));
        return command;
    }

    /// <summary>The study's options from the command line's values.</summary>
    public static NoiseStudyOptions Options(int steps, int repeats, ulong seed, AverageMethod averageMethod,
        LogBase logBase)
    {
        if (steps is < 1 or > 1000) throw new CliException("--steps must be in 1..1000.", ExitCodes.UsageError);
        if (repeats is < 1 or > 10000) throw new CliException("--repeats must be in 1..10000.", ExitCodes.UsageError);
        return new NoiseStudyOptions
        {
            Probabilities = [.. Enumerable.Range(0, steps + 1).Select(k => (double)k / steps)],
            Repeats = repeats,
            Seed = seed,
            AverageMethod = averageMethod,
            LogBase = logBase,
        };
    }

    private static int Run(string? file, string? truth, int steps, int repeats, ulong seed,
        AverageMethod averageMethod, string format, LogBase logBase, TextWriter stdout, TextWriter stderr)
    {
        NoiseStudyOptions options = Options(steps, repeats, seed, averageMethod, logBase);
        if (file is null)
        {
            truth ??= LabelColumns.SampleTruth;
            stderr.WriteLine($"mifast: no FILE given; studying the embedded sample {LabelColumns.SampleName} "
                + $"(Palmer penguins, 342 rows, CC0), truth {truth}.");
        }
        else if (truth is null)
        {
            throw new CliException("--truth COL is required with a FILE.", ExitCodes.UsageError);
        }

        string[] labels = AnalysisCommon.ReadColumns(file, [truth])[0];
        NoiseStudyResult result = NoiseStudy.Run<string>(labels, options);
        stdout.Write(format switch
        {
            "json" => Json(truth, result),
            "csv" => Csv(result),
            _ => Table(truth, result),
        });
        return ExitCodes.Success;
    }

    private static IEnumerable<NoiseStudyRow> AllRows(NoiseStudyResult r) => r.Curve.Concat(r.References);

    private static IEnumerable<(string Key, double Value)> Values(NoiseStudyRow row) =>
    [
        ("mutual_info_mean", row.MutualInfo.Mean), ("mutual_info_sd", row.MutualInfo.StandardDeviation),
        ("normalized_mutual_info_mean", row.NormalizedMutualInfo.Mean),
        ("normalized_mutual_info_sd", row.NormalizedMutualInfo.StandardDeviation),
        ("adjusted_mutual_info_mean", row.AdjustedMutualInfo.Mean),
        ("adjusted_mutual_info_sd", row.AdjustedMutualInfo.StandardDeviation),
    ];

    public static string Json(string truth, NoiseStudyResult r) => AnalysisCommon.Json(json =>
    {
        json.WriteStartObject();
        json.WriteString("truth", truth);
        json.WriteNumber("n_samples", r.SampleCount);
        json.WriteNumber("n_classes", r.ClassCount);
        json.WriteNumber("repeats", r.Options.Repeats);
        json.WriteNumber("seed", r.Options.Seed);
        json.WriteString("average_method", r.Options.AverageMethod.ToString().ToLowerInvariant());
        json.WriteString("log_base", r.Options.LogBase.ToString());
        json.WriteString("unit", r.Options.LogBase.Unit);
        json.WriteNumber("entropy_true", r.EntropyTrue);
        json.WriteNumber("log_n_classes", r.LogClassCount);
        (string, IReadOnlyList<NoiseStudyRow>)[] parts = [("curve", r.Curve), ("references", r.References)];
        foreach ((string name, IReadOnlyList<NoiseStudyRow> rows) in parts)
        {
            json.WriteStartArray(name);
            foreach (NoiseStudyRow row in rows)
            {
                json.WriteStartObject();
                if (name == "curve") json.WriteNumber("p", row.Probability);
                else json.WriteString("name", row.Name);
                foreach ((string key, double value) in Values(row)) json.WriteNumber(key, value);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    });

    private static string Csv(NoiseStudyResult r)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (SepWriter writer = Sep.New(',').Writer(o => o with { Escape = true }).To(text))
        {
            foreach (NoiseStudyRow row in AllRows(r))
            {
                using SepWriter.Row line = writer.NewRow();
                line["name"].Set(row.Name);
                line["p"].Set(double.IsNaN(row.Probability) ? "" : AnalysisCommon.R(row.Probability));
                foreach ((string key, double value) in Values(row)) line[key].Set(AnalysisCommon.R(value));
            }
        }

        return text.ToString();
    }

    private static string Table(string truth, NoiseStudyResult r)
    {
        string unit = r.Options.LogBase.Unit;
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(new TableColumn("labels"));
        table.AddColumn(new TableColumn($"MI ({unit})").RightAligned());
        table.AddColumn(new TableColumn("NMI").RightAligned());
        table.AddColumn(new TableColumn("AMI").RightAligned());
        foreach (NoiseStudyRow row in AllRows(r))
        {
            string name = row.Name == "noise"
                ? string.Create(CultureInfo.InvariantCulture, $"noise p = {row.Probability:0.###}")
                : row.Name;
            table.AddRow(new Text(name), new Text(Cell(row.MutualInfo)), new Text(Cell(row.NormalizedMutualInfo)),
                new Text(Cell(row.AdjustedMutualInfo)));
        }

        string summary = string.Create(CultureInfo.InvariantCulture,
            $"{truth}: n = {r.SampleCount:N0}, K = {r.ClassCount}, H = {AnalysisCommon.F(r.EntropyTrue)} {unit}, "
            + $"log K = {AnalysisCommon.F(r.LogClassCount)} {unit}; mean ± sd over {r.Options.Repeats} repeats, "
            + $"seed {r.Options.Seed}{Environment.NewLine}");
        return summary + AnalysisCommon.Render(table, 120);

        static string Cell(Summary s) => $"{AnalysisCommon.F(s.Mean)} ± {AnalysisCommon.F(s.StandardDeviation)}";
    }
}
