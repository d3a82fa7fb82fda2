using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MiFast.Cli.Commands;
using nietras.SeparatedValues;
using Spectre.Console;

namespace MiFast.Cli.Output;

/// <summary>Renders a <see cref="ScoreMatrix"/>: doubles in JSON and CSV are shortest round-trip.</summary>
/// <remarks>The first header cell says how to read the matrix: <c>labeling</c> for a symmetric
/// metric, <c>truth\pred</c> (rows are the truth, columns the prediction) otherwise.</remarks>
internal static class MatrixWriter
{
    public static string Render(ScoreMatrix matrix, OutputFormat format) => format switch
    {
        OutputFormat.Json => Json(matrix),
        OutputFormat.Csv => Csv(matrix),
        _ => Table(matrix),
    };

    private static string Corner(ScoreMatrix matrix) => matrix.Symmetric ? "labeling" : "truth\\pred";

    private static string Json(ScoreMatrix matrix)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            json.WriteStartObject();
            json.WriteString("metric", matrix.Metric);
            json.WriteBoolean("symmetric", matrix.Symmetric);
            json.WriteString("rows", matrix.Symmetric ? "labeling" : "truth");
            json.WriteString("columns", matrix.Symmetric ? "labeling" : "pred");
            json.WriteString("average_method", matrix.AverageMethod.ToString().ToLowerInvariant());
            json.WriteNumber("beta", matrix.Beta);
            json.WriteStartArray("labelings");
            foreach (string name in matrix.Names) json.WriteStringValue(name);
            json.WriteEndArray();
            json.WriteStartArray("matrix");
            for (int i = 0; i < matrix.Names.Length; i++)
            {
                json.WriteStartArray();
                for (int j = 0; j < matrix.Names.Length; j++) json.WriteNumberValue(matrix.Values[i, j]);
                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + Environment.NewLine;
    }

    private static string Csv(ScoreMatrix matrix)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (SepWriter writer = Sep.New(',').Writer(o => o with { Escape = true, WriteHeader = false }).To(text))
        {
            using (SepWriter.Row header = writer.NewRow())
            {
                header[0].Set(Corner(matrix));
                for (int j = 0; j < matrix.Names.Length; j++) header[j + 1].Set(matrix.Names[j]);
            }

            for (int i = 0; i < matrix.Names.Length; i++)
            {
                using SepWriter.Row row = writer.NewRow();
                row[0].Set(matrix.Names[i]);
                for (int j = 0; j < matrix.Names.Length; j++)
                {
                    row[j + 1].Set(matrix.Values[i, j].ToString("R", CultureInfo.InvariantCulture));
                }
            }
        }

        return text.ToString();
    }

    private static string Table(ScoreMatrix matrix)
    {
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(new TableColumn(Markup.Escape(Corner(matrix))).LeftAligned());
        foreach (string name in matrix.Names) table.AddColumn(new TableColumn(Markup.Escape(name)).RightAligned());
        for (int i = 0; i < matrix.Names.Length; i++)
        {
            table.AddRow([new Text(matrix.Names[i]),
                .. Enumerable.Range(0, matrix.Names.Length).Select(j =>
                    new Text(matrix.Values[i, j].ToString("F6", CultureInfo.InvariantCulture)))]);
        }

        string method = matrix.AverageMethod.ToString().ToLowerInvariant();
        string reading = matrix.Symmetric
            ? "symmetric"
            : "rows are the truth, columns the prediction";
        string title = matrix.Metric switch
        {
            "normalized_mutual_info_score" or "adjusted_mutual_info_score" => $"{matrix.Metric} ({method}, {reading})",
            "v_measure_score" => string.Create(CultureInfo.InvariantCulture,
                $"{matrix.Metric} (beta {matrix.Beta:R}, {reading})"),
            _ => $"{matrix.Metric} ({reading})",
        };

        using var text = new StringWriter(CultureInfo.InvariantCulture);
        text.WriteLine(title);
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(text),
        });
        console.Profile.Width = 64 + 24 * (matrix.Names.Length + 1);
        console.Write(table);
        return text.ToString();
    }
}
