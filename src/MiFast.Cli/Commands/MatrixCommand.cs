using System.CommandLine;
using System.Globalization;
using MiFast.Cli.Input;
using MiFast.Cli.Output;

namespace MiFast.Cli.Commands;

/// <summary><c>mifast matrix FILE [--cols A,B,…] --metric NAME</c>: one score for every pair of
/// labelings (columns) of a file.</summary>
/// <remarks>
/// A symmetric metric (MI, NMI, AMI, ARI, Rand, Fowlkes–Mallows, VI, and V-measure with β = 1)
/// is computed once per unordered pair and mirrored: its matrix is exactly symmetric. An
/// asymmetric one (homogeneity, completeness, V-measure with β ≠ 1, entropy_true, entropy_pred)
/// is computed for every ordered pair with the row as the truth and the column as the prediction.
/// The diagonal is the metric of a labeling against itself, as the metric defines it (MI = H,
/// NMI = AMI = ARI = 1, VI = 0, …), computed, not assumed.
/// </remarks>
internal static class MatrixCommand
{
    /// <summary>The metrics by the JSON key <c>mifast score</c> uses for them.</summary>
    internal static readonly IReadOnlyDictionary<string, Func<ClusterScores, double>> Metrics =
        new Dictionary<string, Func<ClusterScores, double>>(StringComparer.Ordinal)
        {
            ["mutual_info_score"] = s => s.MutualInfo,
            ["normalized_mutual_info_score"] = s => s.NormalizedMutualInfo,
            ["adjusted_mutual_info_score"] = s => s.AdjustedMutualInfo,
            ["adjusted_rand_score"] = s => s.AdjustedRand,
            ["rand_score"] = s => s.Rand,
            ["homogeneity_score"] = s => s.Homogeneity,
            ["completeness_score"] = s => s.Completeness,
            ["v_measure_score"] = s => s.VMeasure,
            ["fowlkes_mallows_score"] = s => s.FowlkesMallows,
            ["entropy_true"] = s => s.EntropyTrue,
            ["entropy_pred"] = s => s.EntropyPred,
            ["variation_of_information"] = s => s.VariationOfInformation,
        };

    private static readonly HashSet<string> Asymmetric =
        ["homogeneity_score", "completeness_score", "entropy_true", "entropy_pred"];

    /// <summary>Whether metric(U, V) = metric(V, U) for every pair (bit for bit in MiFast).</summary>
    internal static bool IsSymmetric(string metric, double beta) =>
        !Asymmetric.Contains(metric) && (metric != "v_measure_score" || beta == 1.0);

    public static Command Create(TextWriter stdout, TextWriter stderr, Option<bool> quiet)
    {
        Argument<string> file = new("FILE")
        {
            Description = "Label file: CSV/TSV with a header row (optionally gzip), Parquet, Arrow IPC/Feather, "
                + "or a 2-D NumPy .npy (its columns are named 0, 1, …).",
        };
        Option<string[]> cols = new("--cols", "-c")
        {
            Description = "The columns to compare, comma-separated (or repeated). Default: every column.",
            HelpName = "A,B,...",
        };
        Option<string> metric = new("--metric", "-m")
        {
            Description = "The score, by its JSON key in 'mifast score': " + string.Join(", ", Metrics.Keys) + ".",
            Required = true,
            HelpName = "NAME",
        };
        Option<string> format = CommonOptions.CreateFormat();
        Option<string> average = CommonOptions.CreateAverageMethod();
        Option<double> beta = CommonOptions.CreateBeta();
        Option<string?> inputFormat = CommonOptions.CreateInputFormat(
            "The format of the input file, when its extension does not say it.");
        Option<string> missing = CommonOptions.CreateMissing(
            "A missing label (empty field, null, NaN): an error, drop the row from each pair that "
                + "reads it, or a label of its own.");
        Option<int> chunkRows = CommonOptions.CreateChunkRows();
        Option<string?> output = CommonOptions.CreateOutput();

        Command command = new("matrix", "Score every pair of labelings (columns) of a file against each other.")
        {
            file, cols, metric, format, average, beta, output, inputFormat, missing, chunkRows,
        };
        command.SetAction(parse =>
        {
            string name = parse.GetValue(metric)!;
            if (!Metrics.ContainsKey(name))
            {
                throw new CliException($"unknown metric '{LabelFiles.Printable(name)}'; the metrics are: "
                    + $"{string.Join(", ", Metrics.Keys)}.", ExitCodes.UsageError);
            }

            double betaValue = parse.GetValue(beta);
            if (!double.IsFinite(betaValue) || betaValue < 0)
            {
                throw new CliException(string.Create(CultureInfo.InvariantCulture,
                    $"--beta must be a finite number ≥ 0, not {betaValue}."), ExitCodes.UsageError);
            }

            string[] wanted = [.. (parse.GetValue(cols) ?? []).SelectMany(c => c.Split(','))];
            if (wanted.Any(string.IsNullOrEmpty))
            {
                throw new CliException("--cols has an empty column name.", ExitCodes.UsageError);
            }

            if (wanted.Distinct(StringComparer.Ordinal).Count() != wanted.Length)
            {
                throw new CliException("--cols names a column more than once.", ExitCodes.UsageError);
            }

            int chunk = parse.GetValue(chunkRows);
            if (chunk < 1)
            {
                throw new CliException(string.Create(CultureInfo.InvariantCulture,
                    $"--chunk-rows must be at least 1, not '{chunk}'."), ExitCodes.UsageError);
            }

            string path = parse.GetValue(file)!;
            InputFormat? inputFormatValue = parse.GetValue(inputFormat) is { } f
                ? Enum.Parse<InputFormat>(f, ignoreCase: true)
                : null;
            var missingPolicy = Enum.Parse<MissingPolicy>(parse.GetValue(missing)!, ignoreCase: true);
            bool symmetric = IsSymmetric(name, betaValue);
            TextWriter notices = parse.GetValue(quiet) ? TextWriter.Null : stderr;
            var progress = ProgressReporter.For(stderr, parse.GetValue(quiet));
            (string[] names, IReadOnlyList<LabelPairTable> tables) = progress.Run(
                $"reading {Path.GetFileName(path)}", 0,
                _ => Count(path, inputFormatValue, chunk, wanted, missingPolicy, symmetric, notices));

            var averageMethod = Enum.Parse<AverageMethod>(parse.GetValue(average)!, ignoreCase: true);
            ScoreMatrix matrix = Compute(names, tables, name, averageMethod, betaValue, progress);
            OutputFormat outputFormat = Enum.Parse<OutputFormat>(parse.GetValue(format)!, ignoreCase: true);
            AtomicOutput.Write(parse.GetValue(output), MatrixWriter.Render(matrix, outputFormat), stdout);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The pairs a matrix needs: a symmetric metric once per unordered pair (i ≤ j),
    /// another for every ordered pair; the diagonal included.</summary>
    internal static (int Row, int Column)[] Pairs(int k, bool symmetric) =>
    [
        .. from i in Enumerable.Range(0, k)
           from j in Enumerable.Range(0, k)
           where !symmetric || i <= j
           select (i, j),
    ];

    /// <summary>Streams the file once through the <see cref="LabelReader"/> layer (every format
    /// <c>mifast score</c> reads), one contingency table per needed pair.</summary>
    private static (string[] Names, IReadOnlyList<LabelPairTable> Tables) Count(string path, InputFormat? format,
        int chunkRows, string[] wanted, MissingPolicy missing, bool symmetric, TextWriter notices)
    {
        using LabelReader reader = LabelFiles.Open(path, format, chunkRows);
        string[] names = wanted.Length > 0 ? wanted : [.. reader.Columns];
        reader.Select(names, missing);
        if (names.Length < 2)
        {
            throw new CliException($"{path}: a matrix needs at least two columns"
                + (wanted.Length > 0 ? "."
                    : $"; the file has {names.Length} ({LabelFiles.Printable(string.Join(", ", names))})."));
        }

        return (names, LabelSources.CountPairs(reader, Pairs(names.Length, symmetric), notices));
    }

    /// <summary>The matrix from the tables of <see cref="Pairs"/> (in that order), the pairs scored
    /// in parallel (exact scores: the result does not depend on the threads).</summary>
    internal static ScoreMatrix Compute(string[] names, IReadOnlyList<LabelPairTable> tables, string metric,
        AverageMethod averageMethod, double beta, ProgressReporter progress)
    {
        int k = names.Length;
        bool symmetric = IsSymmetric(metric, beta);
        Func<ClusterScores, double> read = Metrics[metric];
        (int Row, int Column)[] pairs = Pairs(k, symmetric);
        var values = new double[k, k];
        progress.Run($"{metric}: {pairs.Length} pairs", pairs.Length, reporter =>
        {
            Parallel.For(0, pairs.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                p =>
                {
                    (int row, int column) = pairs[p];
                    double value = read(ClusterMetrics.Compare(tables[p].Table, averageMethod, beta));
                    values[row, column] = value;
                    if (symmetric) values[column, row] = value;
                    reporter.Advance();
                });
            return 0;
        });

        return new ScoreMatrix(metric, symmetric, averageMethod, beta, names, values);
    }
}

/// <summary>A metric for every pair of labelings; rows are the truth when the metric is asymmetric.</summary>
internal sealed record ScoreMatrix(string Metric, bool Symmetric, AverageMethod AverageMethod, double Beta,
    string[] Names, double[,] Values);
