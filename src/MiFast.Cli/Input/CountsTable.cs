using System.Globalization;
using System.Text;
using nietras.SeparatedValues;

namespace MiFast.Cli.Input;

/// <summary>Reads a contingency table given as (truth label, predicted label, count) rows, as
/// <c>SELECT truth, pred, COUNT(*) … GROUP BY truth, pred</c> exports them (CSV/TSV, optionally gzip).</summary>
/// <remarks>
/// Labels are opaque strings, as in label files. A count is a plain non-negative decimal integer
/// of at most 2^63 − 1 (digits only: no sign, no decimal point, no exponent); zero counts are
/// allowed and repeated (truth, pred) pairs are added up. Any other count is an error naming the
/// file, the line and the column.
/// </remarks>
internal static class CountsTable
{
    public static ContingencyTable<string, string> ReadFile(string path, string truth, string pred, string count)
    {
        if (Directory.Exists(path)) throw new CliException($"{path}: is a directory, not a counts file.");
        if (!File.Exists(path)) throw new CliException($"{path}: no such file.");
        try
        {
            using FileStream file = File.OpenRead(path);
            LabelColumns.RefuseBinary(file, path, "--counts");
            return Read(file, path, LabelColumns.SeparatorFor(path), truth, pred, count);
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

    public static ContingencyTable<string, string> Read(Stream raw, string name, char? separator,
        string truth, string pred, string count)
    {
        Stream stream = LabelColumns.MaybeGunzip(raw, out bool gzip);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        using var text = new StreamReader(stream, utf8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        try
        {
            return ReadText(text, name, separator, [truth, pred, count]);
        }
        catch (DecoderFallbackException)
        {
            throw new CliException($"{name}: not UTF-8 text (a byte sequence is invalid); save it as UTF-8.");
        }
        catch (Exception e) when (gzip && e is not CliException)
        {
            throw new CliException(
                $"{name}: not a valid gzip file, or truncated ({LabelColumns.Printable(e.Message)}).");
        }
        catch (Exception e) when (e is NotSupportedException or InvalidDataException or ArgumentException)
        {
            throw new CliException($"{name}: cannot be parsed as CSV/TSV: {LabelColumns.Printable(e.Message)}");
        }
    }

    private static ContingencyTable<string, string> ReadText(TextReader text, string name, char? separator,
        string[] names)
    {
        using SepReader reader = LabelColumns.SepOver(text, separator);
        using IEnumerator<SepReader.Row> rows = reader.GetEnumerator();
        string[] header = LabelColumns.HeaderOf(rows, name);
        int[] indices = LabelColumns.ColumnIndices(name, header, names);

        // Labels are interned per column: a counts table repeats each label once per partner.
        var truths = new List<string>();
        var preds = new List<string>();
        var counts = new List<long>();
        var truthNames = new Dictionary<string, string>(StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        var predNames = new Dictionary<string, string>(StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        while (rows.MoveNext())
        {
            SepReader.Row row = rows.Current;
            int line = row.LineNumberFrom;
            if (!LabelColumns.IsDataRow(row, name, line)) continue;

            if (row.ColCount != header.Length)
            {
                throw new CliException(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: line {line}: {row.ColCount} fields, but the header has {header.Length}."));
            }

            truths.Add(Label(row[indices[0]].Span, truthNames, name, line, names[0]));
            preds.Add(Label(row[indices[1]].Span, predNames, name, line, names[1]));
            counts.Add(Count(row[indices[2]].Span, name, line, names[2]));
        }

        if (counts.Count == 0) throw new CliException($"{name}: the file has a header row but no data rows.");
        if (!counts.Exists(c => c != 0))
        {
            throw new CliException($"{name}: column '{LabelColumns.Printable(names[2])}': every count is 0; "
                + "there are no items to score.");
        }

        try
        {
            return ContingencyTable.FromCounts<string, string>(
                [.. truths], [.. preds], System.Runtime.InteropServices.CollectionsMarshal.AsSpan(counts));
        }
        catch (ArgumentException)
        {
            // Each count fits in 64 bits, so what is left is the total.
            throw new CliException($"{name}: column '{LabelColumns.Printable(names[2])}': the counts add up to more "
                + "than 9223372036854775807 (2^63 − 1).");
        }
    }

    private static string Label(ReadOnlySpan<char> label,
        Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> interned, string name, int line, string column)
    {
        if (label.IsEmpty)
        {
            throw new CliException(string.Create(CultureInfo.InvariantCulture,
                $"{name}: line {line}, column '{LabelColumns.Printable(column)}': empty field (a missing label)."));
        }

        if (!interned.TryGetValue(label, out string? value))
        {
            value = label.ToString();
            interned[label] = value;
        }

        return value;
    }

    /// <summary>A count: ASCII digits only, at most 2^63 − 1.</summary>
    private static long Count(ReadOnlySpan<char> field, string name, int line, string column)
    {
        string where = string.Create(CultureInfo.InvariantCulture,
            $"{name}: line {line}, column '{LabelColumns.Printable(column)}'");
        if (field.IsEmpty) throw new CliException($"{where}: empty field (a missing count).");
        bool digits = !field.ContainsAnyExceptInRange('0', '9');
        if (digits && long.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out long count))
        {
            return count;
        }

        string shown = LabelColumns.Printable(field.Length > 40 ? $"{field[..40]}…" : field.ToString());
        if (digits) throw new CliException($"{where}: the count {shown} exceeds 9223372036854775807 (2^63 − 1).");
        if (field[0] == '-' && decimal.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            throw new CliException($"{where}: the count {shown} is negative.");
        }

        throw new CliException($"{where}: the count '{shown}' is not a whole number of rows "
            + "(digits only: no sign, decimal point or exponent).");
    }
}
