using System.CommandLine;
using System.Globalization;
using MiFast.Cli.Input;
using MiFast.Cli.Output;

namespace MiFast.Cli.Commands;

/// <summary><c>mifast score [FILE] --truth COL [--pred COL …]</c>: every score of each prediction
/// column against the truth column.</summary>
internal static class ScoreCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
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

        Option<MiFast.Analysis.LogBase> logBase = AnalysisCommon.LogBaseOption();
        Command command = new("score", "Score predicted labelings against a true labeling.")
        {
            file, truth, pred, format, average, beta, logBase,
        };
        command.SetAction(parse => Run(
            parse.GetValue(file), parse.GetValue(truth), parse.GetValue(pred) ?? [],
            Enum.Parse<OutputFormat>(parse.GetValue(format)!, ignoreCase: true),
            Enum.Parse<AverageMethod>(parse.GetValue(average)!, ignoreCase: true),
            parse.GetValue(beta), stdout, stderr, parse.GetValue(logBase)));
        return command;
    }

    /// <summary>A plain invariant number: no thousands separators ("1,5" is not 15).</summary>
    private static double ParseBeta(System.CommandLine.Parsing.ArgumentResult result)
    {
        string token = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)) return value;
        result.AddError($"--beta takes a number such as 0.5 or 2, not '{token}'.");
        return 0;
    }

    private static int Run(string? file, string? truth, string[] preds, OutputFormat format,
        AverageMethod averageMethod, double beta, TextWriter stdout, TextWriter stderr,
        MiFast.Analysis.LogBase logBase)
    {
        if (!double.IsFinite(beta) || beta < 0)
        {
            throw new CliException(string.Create(CultureInfo.InvariantCulture,
                $"--beta must be a finite number ≥ 0, not {beta}."), ExitCodes.UsageError);
        }

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
            stderr.WriteLine($"mifast: no FILE given; scoring the embedded sample {LabelColumns.SampleName} "
                + $"(Palmer penguins, 342 rows, CC0): {truth} against {against}.");
            using Stream sample = LabelColumns.OpenSample();
            columns = LabelColumns.Read(sample, LabelColumns.SampleName, ',', wanted, truth, out header);
        }
        else
        {
            if (truth is null) throw new CliException("--truth COL is required with a FILE.", ExitCodes.UsageError);
            columns = LabelColumns.ReadFile(file, wanted, truth, out header);
        }

        LabelColumn truthColumn = columns.FirstOrDefault(c => c.Name == truth)
            ?? throw new CliException($"{file ?? LabelColumns.SampleName}: no column '{truth}'; "
                + $"the columns are: {string.Join(", ", header)}.");
        IEnumerable<LabelColumn> predictions = preds.Length > 0
            ? preds.Select(p => columns.First(c => c.Name == p))
            : columns.Where(c => c.Name != truth);

        // One contingency pass per prediction; all scores come from its table.
        var records = new List<ScoreRecord>();
        foreach (LabelColumn prediction in predictions)
        {
            ContingencyTable table = ContingencyTable.Create<int, int>(truthColumn.Codes, prediction.Codes);
            ClusterScores scores = ClusterMetrics.Compare(table, averageMethod, beta);
            records.Add(new ScoreRecord(truthColumn.Name, prediction.Name, scores) { LogBase = logBase });
        }

        if (records.Count == 0)
        {
            throw new CliException($"{file}: the truth '{truth}' is the only column; there is nothing to score.");
        }

        stdout.Write(ScoreWriter.Render(records, format, averageMethod, beta));
        return ExitCodes.Success;
    }
}
