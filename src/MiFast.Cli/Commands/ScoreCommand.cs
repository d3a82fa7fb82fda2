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
        Option<bool> predAll = new("--pred-all")
        {
            Description = "Score every column but the truth (the default when no --pred is given).",
        };
        Option<string> format = CommonOptions.CreateFormat();
        Option<string> average = CommonOptions.CreateAverageMethod();
        Option<double> beta = CommonOptions.CreateBeta();

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
        Option<string?> inputFormat = CommonOptions.CreateInputFormat(
            "The format of the input files, when their extension does not say it.");
        Option<string> missing = CommonOptions.CreateMissing(
            "A missing label (empty field, null, NaN): an error, drop the row from the pair, "
                + "or a label of its own.");
        Option<int> chunkRows = CommonOptions.CreateChunkRows();

        Option<string?> output = CommonOptions.CreateOutput();
        Option<MiFast.Analysis.LogBase> logBase = AnalysisCommon.LogBaseOption();
        PipelineOptions pipeline = new();

        Command command = new("score", "Score predicted labelings against a true labeling.")
        {
            file, truth, pred, predAll, format, average, beta, logBase, output,
            truthFile, predFile, inputFormat, missing, chunkRows,
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
            var labels = new LabelRequest(request.File, parse.GetValue(truthFile), parse.GetValue(predFile),
                request.Truth, preds,
                parse.GetValue(inputFormat) is { } f ? Enum.Parse<InputFormat>(f, ignoreCase: true) : null,
                Enum.Parse<MissingPolicy>(parse.GetValue(missing)!, ignoreCase: true), parse.GetValue(chunkRows));
            if ((labels.TruthFile ?? labels.PredFile) is not null
                && (parse.GetValue(pipeline.Counts) is not null || parse.GetValue(pipeline.Engine) == "duckdb"))
            {
                throw new CliException("--truth-file/--pred-file cannot be combined with --counts or "
                    + "--engine duckdb.", ExitCodes.UsageError);
            }

            // --counts and DuckDB read the files themselves: a missing label is always an error there,
            // and the format comes from the extension. Say so rather than ignore the options.
            string? pipelineName = parse.GetValue(pipeline.Counts) is not null ? "--counts"
                : parse.GetValue(pipeline.Engine) == "duckdb" ? "--engine duckdb" : null;
            if (pipelineName is not null && labels.Missing != MissingPolicy.Error)
            {
                throw new CliException($"--missing {parse.GetValue(missing)} cannot be combined with {pipelineName}, "
                    + "where a missing label is always an error (filter or label NULLs in SQL).", ExitCodes.UsageError);
            }

            if (pipelineName is not null && labels.Format is not null)
            {
                throw new CliException($"--input-format cannot be combined with {pipelineName}, which tells the "
                    + "format from the file name.", ExitCodes.UsageError);
            }

            IReadOnlyList<ScoreRecord>? records = pipeline.TryScore(parse, request);
            if (records is null) return Run(request, labels, outputFormat, unit, parse.GetValue(output),
                parse.GetValue(quiet) ? TextWriter.Null : stderr, stdout);
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

    private static int Run(ScoreRequest request, LabelRequest labels, OutputFormat format,
        MiFast.Analysis.LogBase unit, string? output, TextWriter notices, TextWriter stdout)
    {
        if (request.File is { } file && file.StartsWith('-') && !File.Exists(file))
        {
            throw new CliException($"unknown option '{file}'.", ExitCodes.UsageError);
        }

        // Stream the files once, one contingency table per prediction; then every score of each
        // table, the predictions in parallel.
        string source = request.File ?? labels.TruthFile ?? "the sample";
        IReadOnlyList<LabelPairTable> tables = request.Progress.Run($"reading {Path.GetFileName(source)}", 0,
            _ => LabelSources.Count(labels, notices));
        IReadOnlyList<ScoreRecord> records = BatchScoring.Score(tables, request.AverageMethod, request.Beta,
            request.Progress);
        AtomicOutput.Write(output, ScoreWriter.Render(InUnit(records, unit), format, request.AverageMethod,
            request.Beta), stdout);
        return ExitCodes.Success;
    }
}
