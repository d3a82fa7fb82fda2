using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using nietras.SeparatedValues;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MiFast.Cli.Output;

/// <summary>The output formats of <c>mifast score</c>.</summary>
internal enum OutputFormat
{
    Table,
    Json,
    Csv,
}

/// <summary>Renders score records; doubles in JSON and CSV are shortest round-trip.</summary>
internal static class ScoreWriter
{
    public static string Render(IReadOnlyList<ScoreRecord> records, OutputFormat format,
        AverageMethod averageMethod, double beta) => format switch
        {
            OutputFormat.Json => Json(records),
            OutputFormat.Csv => Csv(records),
            _ => Table(records, averageMethod, beta),
        };

    private static string Json(IReadOnlyList<ScoreRecord> records)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            json.WriteStartArray();
            foreach (ScoreRecord record in records)
            {
                json.WriteStartObject();
                json.WriteString("truth", record.Truth);
                json.WriteString("pred", record.Pred);
                long[] counts = record.Counts();
                for (int k = 0; k < counts.Length; k++) json.WriteNumber(ScoreRecord.CountKeys[k], counts[k]);
                foreach ((string key, double value) in record.Numbers()) json.WriteNumber(key, value);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + Environment.NewLine;
    }

    private static string Csv(IReadOnlyList<ScoreRecord> records)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (SepWriter writer = Sep.New(',').Writer(o => o with { Escape = true }).To(text))
        {
            foreach (ScoreRecord record in records)
            {
                using SepWriter.Row row = writer.NewRow();
                row["truth"].Set(record.Truth);
                row["pred"].Set(record.Pred);
                long[] counts = record.Counts();
                for (int k = 0; k < counts.Length; k++)
                {
                    row[ScoreRecord.CountKeys[k]].Set(counts[k].ToString(CultureInfo.InvariantCulture));
                }

                foreach ((string key, double value) in record.Numbers())
                {
                    row[key].Set(value.ToString("R", CultureInfo.InvariantCulture));
                }
            }
        }

        return text.ToString();
    }

    /// <summary>One row per score, one column per prediction: readable for a handful of columns.</summary>
    private static string Table(IReadOnlyList<ScoreRecord> records, AverageMethod averageMethod, double beta)
    {
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(new TableColumn(Header(records)).LeftAligned());
        foreach (ScoreRecord record in records) table.AddColumn(new TableColumn(Escape(record.Pred)).RightAligned());

        string[] countNames = ["items", "classes", "clusters"];
        for (int k = 0; k < countNames.Length; k++)
        {
            table.AddRow([new Text(countNames[k]),
                .. records.Select(r => Cell(r.Counts()[k].ToString("N0", CultureInfo.InvariantCulture)))]);
        }

        string method = averageMethod.ToString().ToLowerInvariant();
        string unit = records.Count > 0 ? records[0].LogBase.Unit : "nats";
        string[] names =
        [
            $"mutual information ({unit})", $"normalized MI ({method})", $"adjusted MI ({method})",
            "adjusted Rand", "Rand", "homogeneity", "completeness",
            string.Create(CultureInfo.InvariantCulture, $"V-measure (beta {beta:R})"),
            "Fowlkes-Mallows", $"entropy of truth ({unit})",
            $"entropy of pred ({unit})", $"variation of information ({unit})",
        ];
        for (int k = 0; k < names.Length; k++)
        {
            table.AddRow([new Text(names[k]),
                .. records.Select(r =>
                    Cell(r.Numbers().ElementAt(k).Value.ToString("F6", CultureInfo.InvariantCulture)))]);
        }

        return Commands.AnalysisCommon.Render(table, 64 + 24 * (records.Count + 1));  // never wrap a cell

        static IRenderable Cell(string value) => new Text(value);
    }

    private static string Header(IReadOnlyList<ScoreRecord> records) =>
        records.Count == 0 ? "truth" : Escape($"{records[0].Truth} vs");

    private static string Escape(string text) => Markup.Escape(text);
}
