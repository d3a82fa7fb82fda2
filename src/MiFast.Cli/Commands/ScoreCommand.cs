using System.CommandLine;
using System.Globalization;
using MiFast.Cli.Input;
using MiFast.Cli.Output;

namespace MiFast.Cli.Commands;

/// <summary><c>mifast score [FILE] --truth COL [--pred COL …]</c>: every score of each prediction
/// column against the truth column.</summary>
internal static class ScoreCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, Option<bool> quiet)
    {
        Argument<string?> file = new("FILE")
        {
            Description = "CSV or TSV label file with a header row, optionally gzip. "
                + "Without it, the embedded penguins sample is scored.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        Option<string?> truth = new("--truth", "-t") { Description = "The column of true labels (classes)." };
        Option<string[]> pred = new("--pred", "-p")
        {
            Description = "A column of predicted labels (clusters); repeat for several. "
                + "Default: every column but the truth.",
        };
        Option<bool> predAll = new("--pred-all")
        {
            Description = "Score every column but the truth (the default when no --pred is given).",
        };
        Option<string> format = new("--format", "-f")
        {
            Description = "Output format.",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        Option<string> average = new("--average-method")
        {
            Description = "The mean of the two entropies that normalizes NMI and AMI.",
            DefaultValueFactory = _ => "arithmetic",
        };
        average.AcceptOnlyFromAmong("arithmetic", "geometric", "min", "max");
        Option<double> beta = new("--beta")
        {
            Description = "Weight of completeness against homogeneity in the V-measure.",
            DefaultValueFactory = _ => 1.0,
            CustomParser = ParseBeta,
        };

        Option<string?> output = CommonOptions.CreateOutput();
        Option<MiFast.Analysis.LogBase> logBase = AnalysisCommon.LogBaseOption();
        PipelineOptions pipeline = new();

        Command command = new("score", "Score predicted labelings against a true labeling.")
        {
            file, truth, pred, predAll, format, average, beta, logBase, output,
            pipeline.Counts, pipeline.Count, pipeline.Engine,
        };
        command.SetAction(parse =>
        {
            string[] preds = parse.GetValue(pred) ?? [];
            if (parse.GetValue(predAll) && preds.Length > 0)
            {
                throw new CliException("--pred and --pred-all cannot be combined: --pred-all already scores "
                    + "every column but the truth.", ExitCodes.UsageError);
            }

            double betaValue = parse.GetValue(beta);
            if (!double.IsFinite(betaValue) || betaValue < 0)
            {
                throw new CliException(string.Create(CultureInfo.InvariantCulture,
                    $"--beta must be a finite number ≥ 0, not {betaValue}."), ExitCodes.UsageError);
            }

            var request = new ScoreRequest(parse.GetValue(file), parse.GetValue(truth), preds, parse.GetValue(predAll),
                Enum.Parse<AverageMethod>(parse.GetValue(average)!, ignoreCase: true), betaValue,
                ProgressReporter.For(stderr, parse.GetValue(quiet)));
            OutputFormat outputFormat = Enum.Parse<OutputFormat>(parse.GetValue(format)!, ignoreCase: true);
            MiFast.Analysis.LogBase unit = parse.GetValue(logBase);
            IReadOnlyList<ScoreRecord>? records = pipeline.TryScore(parse, request);
            if (records is null) return Run(request, outputFormat, unit, parse.GetValue(output), parse.GetValue(quiet),
                stdout, stderr);
            AtomicOutput.Write(parse.GetValue(output),
                ScoreWriter.Render(InUnit(records, unit), outputFormat, request.AverageMethod, request.Beta), stdout);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>A plain invariant number: no thousands separators ("1,5" is not 15).</summary>
    internal static double ParseBeta(System.CommandLine.Parsing.ArgumentResult result)
    {
        string token = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)) return value;
        result.AddError($"--beta takes a number such as 0.5 or 2, not '{token}'.");
        return 0;
    }

    /// <summary>The records with MI, the entropies and VI in the unit of <c>--log-base</c>.</summary>
    private static List<ScoreRecord> InUnit(IEnumerable<ScoreRecord> records, MiFast.Analysis.LogBase unit) =>
        [.. records.Select(r => r with { LogBase = unit })];

    private static int Run(ScoreRequest request, OutputFormat format, MiFast.Analysis.LogBase unit, string? output,
        bool quiet, TextWriter stdout, TextWriter stderr)
    {
        (string? file, string? truth, string[] preds, _, AverageMethod averageMethod, double beta, _) = request;
        if (file is not null && file.StartsWith('-') && !File.Exists(file))
        {
            throw new CliException($"unknown option '{file}'.", ExitCodes.UsageError);
        }

        // Read the truth and the predictions, each column remapped once.
        IReadOnlyList<string>? wanted = preds.Length > 0 && truth is not null ? [truth, .. preds] : null;
        IReadOnlyList<LabelColumn> columns;
        IReadOnlyList<string> header;
        if (file is null)
        {
            truth ??= LabelColumns.SampleTruth;
            if (preds.Length > 0) wanted = [truth, .. preds];
            string against = preds.Length > 0 ? string.Join(", ", preds) : "every other column";
            if (!quiet)
            {
                stderr.WriteLine($"mifast: no FILE given; scoring the embedded sample {LabelColumns.SampleName} "
                    + $"(Palmer penguins, 342 rows, CC0): {truth} against {against}.");
            }

            using Stream sample = LabelColumns.OpenSample();
            columns = LabelColumns.Read(sample, LabelColumns.SampleName, ',', wanted, truth, out header);
        }
        else
        {
            if (truth is null) throw new CliException("--truth COL is required with a FILE.", ExitCodes.UsageError);
            IReadOnlyList<string> names = [];
            columns = request.Progress.Run($"reading {Path.GetFileName(file)}", 0,
                _ => LabelColumns.ReadFile(file, wanted, truth, out names));
            header = names;
        }

        LabelColumn truthColumn = columns.FirstOrDefault(c => c.Name == truth)
            ?? throw new CliException($"{file ?? LabelColumns.SampleName}: no column '{truth}'; "
                + $"the columns are: {string.Join(", ", header)}.");
        IEnumerable<LabelColumn> predictions = preds.Length > 0
            ? preds.Select(p => columns.First(c => c.Name == p))
            : columns.Where(c => c.Name != truth);

        // One contingency pass per prediction, predictions in parallel; all scores from its table.
        IReadOnlyList<ScoreRecord> records = BatchScoring.Score(truthColumn, [.. predictions], averageMethod, beta,
            request.Progress);

        if (records.Count == 0)
        {
            throw new CliException($"{file}: the truth '{truth}' is the only column; there is nothing to score.");
        }

        AtomicOutput.Write(output, ScoreWriter.Render(InUnit(records, unit), format, averageMethod, beta), stdout);
        return ExitCodes.Success;
    }
}
