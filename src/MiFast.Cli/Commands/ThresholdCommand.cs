using System.CommandLine;
using System.Globalization;
using MiFast.Analysis;
using nietras.SeparatedValues;
using Spectre.Console;

namespace MiFast.Cli.Commands;

/// <summary><c>mifast threshold FILE --score COL --label COL [--positive VALUE]</c>: the decision
/// threshold that maximizes the MI between the labels and <c>score &gt; t</c>.</summary>
internal static class ThresholdCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, Option<bool> quiet)
    {
        Argument<string> file = new("FILE") { Description = "CSV or TSV file with a header row, optionally gzip." };
        Option<string> score = new("--score", "-s")
        {
            Description = "The column of classifier scores.",
            Required = true,
        };
        Option<string> label = new("--label", "-l")
        {
            Description = "The column of true binary labels.",
            Required = true,
        };
        Option<string?> positive = new("--positive")
        {
            Description = "The label value of the positive class (every other value is negative). "
                + "Default: the larger of exactly two distinct values (ordinal), such as 1, true or yes.",
        };
        Option<double> compareAt = new("--compare-at")
        {
            Description = "A fixed threshold to compare with (default 0.5).",
            DefaultValueFactory = _ => 0.5,
            CustomParser = r =>
            {
                string token = r.Tokens.Count == 1 ? r.Tokens[0].Value : "";
                if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double t)
                    && !double.IsNaN(t))
                {
                    return t;
                }

                r.AddError($"--compare-at takes a number such as 0.5, not '{token}'.");
                return 0.5;
            },
        };
        Option<string> format = AnalysisCommon.FormatOption();
        Option<LogBase> logBase = AnalysisCommon.LogBaseOption();
        Command command = new("threshold",
            "The decision threshold t that maximizes the MI between the labels and (score > t), over every cut point.")
        {
            file, score, label, positive, compareAt, format, logBase,
        };
        command.SetAction(parse => Run(parse.GetValue(file)!, parse.GetValue(score)!, parse.GetValue(label)!,
            parse.GetValue(positive), parse.GetValue(compareAt), parse.GetValue(format)!, parse.GetValue(logBase),
            stdout, parse.GetValue(quiet) ? TextWriter.Null : stderr));
        return command;
    }

    private const string Hint = "or name the positive one with --positive VALUE.";

    /// <summary>The positive flags of a label column.</summary>
    public static bool[] Positives(string[] labels, string? positive, string file, string column,
        out string positiveLabel)
    {
        string[] distinct = [.. labels.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        if (positive is null)
        {
            if (distinct.Length != 2)
            {
                throw new CliException(string.Create(CultureInfo.InvariantCulture,
                    $"{file}: column '{column}' has {distinct.Length} distinct values; "
                    + $"a binary label needs 2, {Hint}"));
            }

            positive = distinct[1];
        }
        else if (Array.IndexOf(distinct, positive) < 0)
        {
            throw new CliException($"{file}: column '{column}' has no value '{positive}'; its values are: "
                + $"{string.Join(", ", distinct.Take(20))}{(distinct.Length > 20 ? ", ..." : "")}.");
        }

        positiveLabel = positive;
        string p = positive;
        return [.. labels.Select(l => l == p)];
    }

    private static int Run(string file, string scoreColumn, string labelColumn, string? positive, double compareAt,
        string format, LogBase logBase, TextWriter stdout, TextWriter stderr)
    {
        string[][] columns = AnalysisCommon.ReadColumns(file, [scoreColumn, labelColumn]);
        double[] scores = AnalysisCommon.ParseScores(columns[0], file, scoreColumn);
        bool[] labels = Positives(columns[1], positive, file, labelColumn, out string positiveLabel);
        if (positive is null) stderr.WriteLine($"mifast: positive class: {labelColumn} = '{positiveLabel}'.");

        ThresholdSearchResult result = ThresholdSearch.Find(scores, labels);
        ThresholdEvaluation fixedThreshold = ThresholdSearch.Evaluate(scores, labels, compareAt);
        if (result.Curve.Count == 0)
        {
            stderr.WriteLine($"mifast: every score in '{scoreColumn}' is the same; no threshold separates anything.");
        }

        (string Kind, ThresholdEvaluation Evaluation)[] rows = [("optimal", result.Best), ("fixed", fixedThreshold)];
        stdout.Write(format switch
        {
            "json" => Json(scoreColumn, labelColumn, positiveLabel, scores.Length, rows, logBase),
            "csv" => Csv(rows, logBase),
            _ => Table(rows, logBase),
        });
        return ExitCodes.Success;
    }

    private static IEnumerable<(string Key, long Value)> Counts(BinaryConfusion c) =>
    [
        ("true_positives", c.TruePositives), ("false_positives", c.FalsePositives),
        ("true_negatives", c.TrueNegatives), ("false_negatives", c.FalseNegatives),
    ];

    private static string Json(string score, string label, string positive, int n,
        (string Kind, ThresholdEvaluation Evaluation)[] rows, LogBase logBase) => AnalysisCommon.Json(json =>
        {
            json.WriteStartObject();
            json.WriteString("score", score);
            json.WriteString("label", label);
            json.WriteString("positive", positive);
            json.WriteNumber("n_samples", n);
            json.WriteString("log_base", logBase.ToString());
            json.WriteString("unit", logBase.Unit);
            WriteEvaluation(json, rows[0].Evaluation, logBase);
            json.WriteStartObject("fixed");
            WriteEvaluation(json, rows[1].Evaluation, logBase);
            json.WriteEndObject();
            json.WriteEndObject();
        });

    private static void WriteEvaluation(System.Text.Json.Utf8JsonWriter json, ThresholdEvaluation e, LogBase logBase)
    {
        AnalysisCommon.WriteNumber(json, "threshold", e.Threshold);
        json.WriteNumber("mutual_info_score", logBase.FromNats(e.MutualInfo));
        json.WriteNumber("accuracy", e.Accuracy);
        foreach ((string key, long value) in Counts(e.Confusion)) json.WriteNumber(key, value);
    }

    private static string Csv((string Kind, ThresholdEvaluation Evaluation)[] rows, LogBase logBase)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (SepWriter writer = Sep.New(',').Writer(o => o with { Escape = true }).To(text))
        {
            foreach ((string kind, ThresholdEvaluation e) in rows)
            {
                using SepWriter.Row row = writer.NewRow();
                row["kind"].Set(kind);
                row["threshold"].Set(AnalysisCommon.R(e.Threshold));
                row["mutual_info_score"].Set(AnalysisCommon.R(logBase.FromNats(e.MutualInfo)));
                row["accuracy"].Set(AnalysisCommon.R(e.Accuracy));
                foreach ((string key, long value) in Counts(e.Confusion))
                {
                    row[key].Set(value.ToString(CultureInfo.InvariantCulture));
                }
            }
        }

        return text.ToString();
    }

    private static string Table((string Kind, ThresholdEvaluation Evaluation)[] rows, LogBase logBase)
    {
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(new TableColumn(""));
        table.AddColumn(new TableColumn("MI-optimal").RightAligned());
        table.AddColumn(new TableColumn("fixed").RightAligned());
        void Add(string name, Func<ThresholdEvaluation, string> value) =>
            table.AddRow(new Text(name), new Text(value(rows[0].Evaluation)), new Text(value(rows[1].Evaluation)));
        Add("threshold (predict positive when score > t)", e => AnalysisCommon.R(e.Threshold));
        Add($"mutual information ({logBase.Unit})", e => AnalysisCommon.F(logBase.FromNats(e.MutualInfo)));
        Add("accuracy", e => AnalysisCommon.F(e.Accuracy));
        Add("true positives", e => e.Confusion.TruePositives.ToString("N0", CultureInfo.InvariantCulture));
        Add("false positives", e => e.Confusion.FalsePositives.ToString("N0", CultureInfo.InvariantCulture));
        Add("true negatives", e => e.Confusion.TrueNegatives.ToString("N0", CultureInfo.InvariantCulture));
        Add("false negatives", e => e.Confusion.FalseNegatives.ToString("N0", CultureInfo.InvariantCulture));
        return AnalysisCommon.Render(table, 140);
    }
}
