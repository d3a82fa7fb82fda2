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
            Description = "Label file: CSV/TSV with a header row (optionally gzip), Parquet, Arrow IPC/Feather, "
                + "or NumPy .npy. Without it (and without --truth-file), the embedded penguins sample is scored.",
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

        Option<string?> truthFile = new("--truth-file")
        {
            Description = "Read the truth from this file (with --pred-file, instead of FILE); "
                + "--truth names its column unless it has only one.",
        };
        Option<string?> predFile = new("--pred-file")
        {
            Description = "Read the predictions from this file (with --truth-file); "
                + "--pred names columns of it, default every column.",
        };
        Option<string?> inputFormat = new("--input-format")
        {
            Description = "The format of the input files, when their extension does not say it.",
        };
        inputFormat.AcceptOnlyFromAmong("csv", "tsv", "parquet", "arrow", "npy");
        Option<string> missing = new("--missing")
        {
            Description = "A missing label (empty field, null, NaN): an error, drop the row from the pair, "
                + "or a label of its own.",
            DefaultValueFactory = _ => "error",
        };
        missing.AcceptOnlyFromAmong("error", "drop", "label");
        Option<int> chunkRows = new("--chunk-rows")
        {
            Description = "Rows per chunk when streaming CSV and .npy (Parquet and Arrow: a row group or batch).",
            DefaultValueFactory = _ => LabelFiles.DefaultChunkRows,
        };

        Command command = new("score", "Score predicted labelings against a true labeling.")
        {
            file, truth, pred, format, average, beta, truthFile, predFile, inputFormat, missing, chunkRows,
        };
        command.SetAction(parse => Run(
            new LabelRequest(parse.GetValue(file), parse.GetValue(truthFile), parse.GetValue(predFile),
                parse.GetValue(truth), parse.GetValue(pred) ?? [],
                parse.GetValue(inputFormat) is { } f ? Enum.Parse<InputFormat>(f, ignoreCase: true) : null,
                Enum.Parse<MissingPolicy>(parse.GetValue(missing)!, ignoreCase: true),
                parse.GetValue(chunkRows)),
            Enum.Parse<OutputFormat>(parse.GetValue(format)!, ignoreCase: true),
            Enum.Parse<AverageMethod>(parse.GetValue(average)!, ignoreCase: true),
            parse.GetValue(beta), stdout, stderr));
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

    private static int Run(LabelRequest request, OutputFormat format,
        AverageMethod averageMethod, double beta, TextWriter stdout, TextWriter stderr)
    {
        if (!double.IsFinite(beta) || beta < 0)
        {
            throw new CliException(string.Create(CultureInfo.InvariantCulture,
                $"--beta must be a finite number ≥ 0, not {beta}."), ExitCodes.UsageError);
        }

        if (request.File is { } file && file.StartsWith('-') && !File.Exists(file))
        {
            throw new CliException($"unknown option '{file}'.", ExitCodes.UsageError);
        }

        // Stream the files once: one contingency table per prediction; all scores come from it.
        var records = new List<ScoreRecord>();
        foreach (LabelPairTable pair in LabelSources.Count(request, stderr))
        {
            ClusterScores scores = ClusterMetrics.Compare(pair.Table, averageMethod, beta);
            records.Add(new ScoreRecord(pair.Truth, pair.Pred, scores));
        }

        stdout.Write(ScoreWriter.Render(records, format, averageMethod, beta));
        return ExitCodes.Success;
    }
}
