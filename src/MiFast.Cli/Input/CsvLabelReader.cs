using System.Globalization;
using System.Text;
using nietras.SeparatedValues;

namespace MiFast.Cli.Input;

/// <summary>Reads label columns from CSV or TSV text with a header row, in chunks of rows.</summary>
/// <remarks>
/// Fields may be quoted (RFC 4180); a byte-order mark and CRLF line ends are accepted; a blank
/// line is no row (as pandas reads CSV). Every label is an opaque string ("1" and "01" are two
/// labels), remapped once to a code; an empty field is a missing value.
/// </remarks>
internal sealed class CsvLabelReader : LabelReader
{
    private readonly StreamReader _text;
    private readonly SepReader _reader;
    private readonly IEnumerator<SepReader.Row> _rows;
    private readonly string[] _header;
    private readonly int _chunkRows;
    private readonly bool _gzip;
    private int[] _lines = [];

    public CsvLabelReader(Stream stream, string name, char? separator, bool gzip, int chunkRows)
        : base(name)
    {
        _chunkRows = chunkRows;
        _gzip = gzip;

        // Strict UTF-8: a byte that is not UTF-8 would become U+FFFD and merge distinct labels.
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        _text = new StreamReader(stream, utf8, detectEncodingFromByteOrderMarks: true, leaveOpen: false);

        // The header is read as a row of its own, so that duplicate names get our message.
        _reader = Guard(() => Sep.Reader(o => o with
        {
            Sep = separator is { } s ? new Sep(s) : null,
            HasHeader = false,
            Unescape = true,
            DisableColCountCheck = true,
        }).From(_text));
        _rows = _reader.GetEnumerator();
        if (!Guard(_rows.MoveNext)) throw new CliException($"{name}: the file is empty (no header row).");
        _header = new string[_rows.Current.ColCount];
        for (int c = 0; c < _header.Length; c++) _header[c] = _rows.Current[c].ToString();
    }

    public override IReadOnlyList<string> Columns => _header;

    public override string NoRowsMessage => "the file has a header row but no data rows.";

    protected override void OnSelected()
    {
        for (int k = 0; k < SelectedCount; k++) Buffer(k).MissingWord = "empty field";
    }

    protected override string RowLocation(int index) =>
        string.Create(CultureInfo.InvariantCulture, $"line {_lines[index]}");

    protected override int ReadChunk()
    {
        try
        {
            return ReadRows();
        }
        catch (Exception e) when (Translate(e) is { } message)
        {
            throw message;
        }
    }

    private int ReadRows()
    {
        for (int k = 0; k < SelectedCount; k++) Buffer(k).EnsureCapacity(_chunkRows);
        if (_lines.Length < _chunkRows) _lines = new int[_chunkRows];
        int count = 0;
        while (count < _chunkRows && _rows.MoveNext())
        {
            SepReader.Row row = _rows.Current;
            int line = row.LineNumberFrom;

            if (!LabelColumns.IsDataRow(row, Name, line)) continue;

            if (row.ColCount != _header.Length)
            {
                throw new CliException(string.Create(CultureInfo.InvariantCulture,
                    $"{Name}: line {line}: {row.ColCount} fields, but the header has {_header.Length}."));
            }

            _lines[count] = line;
            for (int k = 0; k < SelectedCount; k++)
            {
                ColumnBuffer buffer = Buffer(k);
                ReadOnlySpan<char> label = row[ColumnIndex(k)].Span;
                if (label.IsEmpty) buffer.SetMissing(count);
                else buffer.Values[count] = buffer.Code(label);
            }

            count++;
        }

        return count;
    }

    /// <summary>Runs a step of the parser, turning its failures into one-line messages.</summary>
    private T Guard<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch (Exception e) when (Translate(e) is { } message)
        {
            throw message;
        }
    }

    /// <summary>The one-line message for a failure of the decoder or the parser (null: not ours).</summary>
    private CliException? Translate(Exception e) => e switch
    {
        CliException => null,
        DecoderFallbackException =>
            new CliException($"{Name}: not UTF-8 text (a byte sequence is invalid); save it as UTF-8."),
        _ when _gzip => new CliException(
            $"{Name}: not a valid gzip file, or truncated ({LabelFiles.Printable(e.Message)})."),

        // Sep refuses rows longer than it can buffer (16 Mi characters).
        NotSupportedException or InvalidDataException or ArgumentException =>
            new CliException($"{Name}: cannot be parsed as CSV/TSV: {LabelFiles.Printable(e.Message)}"),
        _ => null,
    };

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _rows.Dispose();
            _reader.Dispose();
            _text.Dispose();
        }
    }
}
