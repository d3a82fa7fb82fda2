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
            Description = "CSV or TSV label file with a header row, optionally gzip.",
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
            CustomParser = ScoreCommand.ParseBeta,
        };
        Option<string?> output = CommonOptions.CreateOutput();

        Command command = new("matrix", "Score every pair of labelings (columns) of a file against each other.")
        {
            file, cols, metric, format, average, beta, output,
        };
        command.SetAction(parse =>
        {
            string name = parse.GetValue(metric)!;
            if (!Metrics.ContainsKey(name))
            {
                throw new CliException($"unknown metric '{LabelColumns.Printable(name)}'; the metrics are: "
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

            string path = parse.GetValue(file)!;
            var progress = ProgressReporter.For(stderr, parse.GetValue(quiet));
            IReadOnlyList<LabelColumn> columns = progress.Run($"reading {Path.GetFileName(path)}", 0,
                _ => LabelColumns.ReadFile(path, wanted.Length > 0 ? wanted : null, null, out IReadOnlyList<string> _));
            if (columns.Count < 2) throw new CliException($"{path}: a matrix needs at least two columns.");

            var averageMethod = Enum.Parse<AverageMethod>(parse.GetValue(average)!, ignoreCase: true);
            ScoreMatrix matrix = Compute(columns, name, averageMethod, betaValue, progress);
            OutputFormat outputFormat = Enum.Parse<OutputFormat>(parse.GetValue(format)!, ignoreCase: true);
            AtomicOutput.Write(parse.GetValue(output), MatrixWriter.Render(matrix, outputFormat), stdout);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The matrix: symmetric metrics once per unordered pair, others per ordered pair;
    /// pairs in parallel (exact scores: the result does not depend on the threads).</summary>
    internal static ScoreMatrix Compute(IReadOnlyList<LabelColumn> columns, string metric,
        AverageMethod averageMethod, double beta, ProgressReporter progress)
    {
        int k = columns.Count;
        bool symmetric = IsSymmetric(metric, beta);
        Func<ClusterScores, double> read = Metrics[metric];
        (int Row, int Column)[] pairs =
        [
            .. from i in Enumerable.Range(0, k)
               from j in Enumerable.Range(0, k)
               where !symmetric || i <= j
               select (i, j),
        ];

        var values = new double[k, k];
        progress.Run($"{metric}: {pairs.Length} pairs", pairs.Length, reporter =>
        {
            Parallel.ForEach(pairs, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                pair =>
                {
                    ContingencyTable table = ContingencyTable.Create<int, int>(
                        columns[pair.Row].Codes, columns[pair.Column].Codes);
                    double value = read(ClusterMetrics.Compare(table, averageMethod, beta));
                    values[pair.Row, pair.Column] = value;
                    if (symmetric) values[pair.Column, pair.Row] = value;
                    reporter.Advance();
                });
            return 0;
        });

        return new ScoreMatrix(metric, symmetric, averageMethod, beta, [.. columns.Select(c => c.Name)], values);
    }
}

/// <summary>A metric for every pair of labelings; rows are the truth when the metric is asymmetric.</summary>
internal sealed record ScoreMatrix(string Metric, bool Symmetric, AverageMethod AverageMethod, double Beta,
    string[] Names, double[,] Values);
