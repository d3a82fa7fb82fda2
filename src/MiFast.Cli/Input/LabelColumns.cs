using System.Globalization;
using System.Reflection;
using System.Text;
using nietras.SeparatedValues;

namespace MiFast.Cli.Input;

/// <summary>One column of a label file, remapped once: a code per row and the distinct labels.</summary>
internal sealed record LabelColumn(string Name, int[] Codes, string[] Labels);

/// <summary>Reads label columns from CSV or TSV files, plain or gzip, with a header row.</summary>
/// <remarks>
/// The separator follows the extension (.tsv, .tab: tab; .csv: comma) and is detected from the
/// header otherwise; gzip is recognised by its magic bytes, whatever the name, and its CRC and
/// length are checked (a truncated file is an error, not fewer rows). Fields may be
/// quoted (RFC 4180); a UTF-8 byte-order mark and CRLF line ends are accepted. Every label is
/// an opaque string; an empty field is an error (a missing value is not a label).
/// </remarks>
internal static class LabelColumns
{
    public const string SampleName = "penguins.csv";
    public const string SampleTruth = "species";

    public static Stream OpenSample() =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream("MiFast.Cli.Samples.penguins.csv")
        ?? throw new InvalidOperationException("The embedded sample is missing from this build.");

    /// <summary>Reads <paramref name="wanted"/> columns (every column when null) of a file.</summary>
    public static IReadOnlyList<LabelColumn> ReadFile(string path, IReadOnlyList<string>? wanted,
        string? required, out IReadOnlyList<string> header)
    {
        if (Directory.Exists(path)) throw new CliException($"{path}: is a directory, not a label file.");
        if (!File.Exists(path)) throw new CliException($"{path}: no such file.");
        try
        {
            using FileStream file = File.OpenRead(path);
            RefuseBinary(file, path, "this command");
            return Read(file, path, SeparatorFor(path), wanted, required, out header);
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            throw new CliException($"{path}: cannot be read: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new CliException($"{path}: cannot be read: {e.Message}");
        }
    }

    public static IReadOnlyList<LabelColumn> Read(Stream raw, string name, char? separator,
        IReadOnlyList<string>? wanted, string? required, out IReadOnlyList<string> header)
    {
        Stream stream = MaybeGunzip(raw, out bool gzip);

        // Strict UTF-8: a byte that is not UTF-8 would become U+FFFD and merge distinct labels.
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        using var text = new StreamReader(stream, utf8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        try
        {
            return ReadText(text, name, separator, wanted, required, out header);
        }
        catch (DecoderFallbackException)
        {
            throw new CliException($"{name}: not UTF-8 text (a byte sequence is invalid); save it as UTF-8.");
        }
        catch (Exception e) when (gzip && e is not CliException)
        {
            throw new CliException($"{name}: not a valid gzip file, or truncated ({Printable(e.Message)}).");
        }
        catch (Exception e) when (e is NotSupportedException or InvalidDataException or ArgumentException)
        {
            // Sep refuses rows longer than it can buffer (16 Mi characters).
            throw new CliException($"{name}: cannot be parsed as CSV/TSV: {Printable(e.Message)}");
        }
    }

    private static IReadOnlyList<LabelColumn> ReadText(TextReader text, string name, char? separator,
        IReadOnlyList<string>? wanted, string? required, out IReadOnlyList<string> header)
    {
        // The header is read as a row of its own, so that duplicate names get our message.
        using SepReader reader = SepOver(text, separator);
        using IEnumerator<SepReader.Row> rows = reader.GetEnumerator();
        header = HeaderOf(rows, name);
        IReadOnlyList<string> names = wanted ?? header;
        if (required is not null) ColumnIndices(name, header, [required]);
        int[] indices = ColumnIndices(name, header, names);

        // Rows: remap each wanted column's labels to codes as they stream past.
        var maps = names.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        var lookups = maps.Select(m => m.GetAlternateLookup<ReadOnlySpan<char>>()).ToArray();
        var codes = names.Select(_ => new List<int>()).ToArray();
        int columnCount = header.Count, dataRows = 0;
        while (rows.MoveNext())
        {
            SepReader.Row row = rows.Current;
            int line = row.LineNumberFrom;

            if (!IsDataRow(row, name, line)) continue;

            if (row.ColCount != columnCount)
            {
                throw new CliException(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: line {line}: {row.ColCount} fields, but the header has {columnCount}."));
            }

            dataRows++;
            for (int c = 0; c < indices.Length; c++)
            {
                ReadOnlySpan<char> label = row[indices[c]].Span;
                if (label.IsEmpty)
                {
                    throw new CliException(string.Create(CultureInfo.InvariantCulture,
                        $"{name}: line {line}, column '{Printable(names[c])}': empty field (a missing label)."));
                }

                if (!lookups[c].TryGetValue(label, out int code))
                {
                    code = maps[c].Count;
                    lookups[c][label] = code;
                }

                codes[c].Add(code);
            }
        }

        if (dataRows == 0) throw new CliException($"{name}: the file has a header row but no data rows.");
        return [.. names.Select((n, c) => new LabelColumn(n, [.. codes[c]], LabelsInCodeOrder(maps[c])))];
    }

    /// <summary>Where each wanted column is; a missing or repeated name is an error.</summary>
    internal static int[] ColumnIndices(string file, IReadOnlyList<string> header, IReadOnlyList<string> names) =>
        LabelReader.ColumnIndices(file, header, names);

    private static string[] LabelsInCodeOrder(Dictionary<string, int> map)
    {
        var labels = new string[map.Count];
        foreach ((string label, int code) in map) labels[code] = label;
        return labels;
    }

    /// <summary>A Parquet, Arrow or .npy file (by its extension or magic bytes) is an error naming
    /// its format: <paramref name="reader"/> reads text, and its bytes would only say "not UTF-8".</summary>
    internal static void RefuseBinary(FileStream file, string path, string reader)
    {
        Span<byte> lead = stackalloc byte[6];
        int got = file.CanSeek ? file.ReadAtLeast(lead, lead.Length, throwOnEndOfStream: false) : 0;
        if (file.CanSeek) file.Position = 0;
        lead = lead[..got];
        ReadOnlySpan<byte> npy = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];
        ReadOnlySpan<byte> arrowStream = [0xff, 0xff, 0xff, 0xff];
        string? format = LabelFiles.FormatOf(path) switch
        {
            InputFormat.Parquet => "Parquet",
            InputFormat.Arrow => "Arrow",
            InputFormat.Npy => "NumPy .npy",
            _ when lead.StartsWith("PAR1"u8) => "Parquet",
            _ when lead.StartsWith("ARROW1"u8) || lead.StartsWith(arrowStream) => "Arrow",
            _ when lead.StartsWith(npy) => "NumPy .npy",
            _ => null,
        };
        if (format is not null)
        {
            throw new CliException($"{path}: a {format} file; {reader} reads CSV/TSV only (optionally gzip); "
                + "mifast score and mifast matrix read Parquet, Arrow and .npy label files.");
        }
    }

    /// <summary>A Sep reader over CSV/TSV text that reads the header as a row of its own (so that
    /// duplicate names get our message) and leaves ragged rows to the caller.</summary>
    internal static SepReader SepOver(TextReader text, char? separator) => Sep.Reader(o => o with
    {
        Sep = separator is { } s ? new Sep(s) : null,
        HasHeader = false,
        Unescape = true,
        DisableColCountCheck = true,
    }).From(text);

    /// <summary>Whether a CSV row holds data: a blank line is no row (as pandas reads CSV). A quote
    /// left open would swallow the lines after it into one field, so an odd number of quotes in a
    /// row is an error naming its line.</summary>
    internal static bool IsDataRow(SepReader.Row row, string name, int line)
    {
        if (row.Span.IsEmpty) return false;
        if (row.Span.Count('"') % 2 != 0)
        {
            throw new CliException(string.Create(CultureInfo.InvariantCulture,
                $"{name}: line {line}: a quote opened here is never closed."));
        }

        return true;
    }

    /// <summary>The header row's names; an empty file is an error.</summary>
    internal static string[] HeaderOf(IEnumerator<SepReader.Row> rows, string name)
    {
        if (!rows.MoveNext()) throw new CliException($"{name}: the file is empty (no header row).");
        var header = new string[rows.Current.ColCount];
        for (int c = 0; c < header.Length; c++) header[c] = rows.Current[c].ToString();
        return header;
    }

    internal static char? SeparatorFor(string path)
    {
        string name = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
        string extension = Path.GetExtension(name).ToLowerInvariant();
        return extension switch
        {
            ".tsv" or ".tab" => '\t',
            ".csv" => ',',
            _ => null,
        };
    }

    /// <summary>Wraps the stream in a gzip decoder when it starts with the gzip magic bytes (the
    /// caller keeps owning <paramref name="raw"/>).</summary>
    internal static Stream MaybeGunzip(Stream raw, out bool gzip) =>
        LabelFiles.MaybeGunzip(raw, out gzip, ownsRaw: false);

    /// <summary>Text for a one-line message: control characters shown as '?'.</summary>
    internal static string Printable(string text) => LabelFiles.Printable(text);
}
