using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MiFast.Analysis;
using MiFast.Cli.Input;
using Spectre.Console;

namespace MiFast.Cli.Commands;

/// <summary>Options, input and output shared by the analysis commands (contributions, noise,
/// threshold, report).</summary>
internal static class AnalysisCommon
{
    /// <summary><c>--log-base e|2|10|B</c>: the unit of every information quantity printed.</summary>
    public static Option<LogBase> LogBaseOption() => new("--log-base")
    {
        Description = "Log base of information quantities: e (nats, the default), 2 (bits), 10 (hartleys) "
            + "or any number B > 0, B != 1.",
        DefaultValueFactory = _ => LogBase.E,
        CustomParser = ParseLogBase,
    };

    private static LogBase ParseLogBase(ArgumentResult result)
    {
        string token = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (LogBase.TryParse(token, out LogBase logBase)) return logBase;
        result.AddError($"--log-base takes e, 2, 10 or a number B > 0 other than 1, not '{token}'.");
        return LogBase.E;
    }

    public static Option<string> FormatOption()
    {
        Option<string> format = new("--format", "-f")
        {
            Description = "Output format.",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        return format;
    }

    public static Argument<string?> FileArgument(string description) => new("FILE")
    {
        Description = description,
        Arity = ArgumentArity.ZeroOrOne,
    };

    /// <summary>Reads the named columns (labels as strings, one per row) of FILE, or of the
    /// embedded sample when FILE is null.</summary>
    public static string[][] ReadColumns(string? file, IReadOnlyList<string> names)
    {
        if (file is not null && file.StartsWith('-') && !File.Exists(file))
        {
            throw new CliException($"unknown option '{file}'.", ExitCodes.UsageError);
        }

        IReadOnlyList<string> distinct = [.. names.Distinct(StringComparer.Ordinal)];
        IReadOnlyList<LabelColumn> columns;
        if (file is null)
        {
            using Stream sample = LabelColumns.OpenSample();
            columns = LabelColumns.Read(sample, LabelColumns.SampleName, ',', distinct, null, out _);
        }
        else
        {
            columns = LabelColumns.ReadFile(file, distinct, null, out _);
        }

        return [.. names.Select(name =>
        {
            LabelColumn column = columns.First(c => c.Name == name);
            return column.Codes.Select(code => column.Labels[code]).ToArray();
        })];
    }

    /// <summary>Parses a column of scores: invariant numbers, ±inf/±infinity allowed, NaN refused.</summary>
    public static double[] ParseScores(string[] values, string file, string column)
    {
        var scores = new double[values.Length];
        var parsed = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int row = 0; row < values.Length; row++)
        {
            string text = values[row];
            if (!parsed.TryGetValue(text, out double score))
            {
                if (!TryParseScore(text, out score))
                {
                    throw new CliException(string.Create(CultureInfo.InvariantCulture,
                        $"{file}: data row {row + 1}, column '{column}': '{text}' is not a number."));
                }

                if (double.IsNaN(score))
                {
                    throw new CliException(string.Create(CultureInfo.InvariantCulture,
                        $"{file}: data row {row + 1}, column '{column}': NaN is not a score."));
                }

                parsed[text] = score;
            }

            scores[row] = score;
        }

        return scores;
    }

    private static bool TryParseScore(string text, out double value)
    {
        string t = text.Trim();
        string lower = t.ToLowerInvariant();
        switch (lower)
        {
            case "inf" or "+inf" or "infinity" or "+infinity":
                value = double.PositiveInfinity;
                return true;
            case "-inf" or "-infinity":
                value = double.NegativeInfinity;
                return true;
            case "nan" or "+nan" or "-nan":
                value = double.NaN;
                return true;
            default:
                return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }

    /// <summary>The shortest round-trip text of a double (JSON/CSV).</summary>
    public static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A double for the table view.</summary>
    public static string F(double value) => value.ToString("F6", CultureInfo.InvariantCulture);

    /// <summary>An indented JSON document; non-finite doubles are written as strings ("Infinity").</summary>
    public static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            write(json);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + Environment.NewLine;
    }

    /// <summary>Writes a number, or a string for ±∞ (JSON has no infinity).</summary>
    public static void WriteNumber(Utf8JsonWriter json, string key, double value)
    {
        if (double.IsFinite(value)) json.WriteNumber(key, value);
        else json.WriteString(key, R(value));
    }

    /// <summary>Renders a Spectre table to plain text, wide enough never to wrap.</summary>
    public static string Render(Table table, int width)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(text),
        });
        console.Profile.Width = width;
        console.Write(table);
        return text.ToString();
    }
}
