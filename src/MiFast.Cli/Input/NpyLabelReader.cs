using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using static System.Buffers.Binary.BinaryPrimitives;

namespace MiFast.Cli.Input;

/// <summary>Reads a NumPy <c>.npy</c> file (format versions 1–3) in chunks of rows, straight from
/// the file stream.</summary>
/// <remarks>
/// <para>A 1-D array is one labeling, named after the file (<c>pred.npy</c>: <c>pred</c>); a 2-D
/// array of shape (n, k) is k labelings of n items named <c>0</c> … <c>k−1</c>, in C or Fortran
/// order. Integer dtypes (<c>i1 u1 i2 u2 i4 u4 i8 u8</c>) and <c>bool</c> in either byte order
/// are labels as they are; <c>u8</c> values above 2^63 − 1 keep their identity (they are
/// compared by bit pattern). Float dtypes (<c>f2 f4 f8</c>) are read when every value is an
/// integer (NaN is a missing value), as <c>labels.astype(int)</c> would give; any other value
/// is an error naming the row. Other dtypes (strings, objects, complex, dates, records) are
/// refused.</para>
/// <para>Layout: <c>\x93NUMPY</c>, major and minor version, header length (2 bytes in version
/// 1, 4 after), a Python dict literal with <c>descr</c>, <c>fortran_order</c> and
/// <c>shape</c>, then the data.</para>
/// </remarks>
internal sealed partial class NpyLabelReader : LabelReader
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    private readonly Stream _stream;
    private readonly long _dataStart;
    private readonly long _rows;
    private readonly int _columns;
    private readonly bool _fortran;
    private readonly bool _bigEndian;
    private readonly char _kind;
    private readonly int _itemSize;
    private readonly string _dtype;
    private readonly string[] _names;
    private readonly int _chunkRows;
    private byte[] _bytes = [];

    public NpyLabelReader(Stream stream, string name, int chunkRows)
        : base(name)
    {
        _stream = stream;
        _chunkRows = chunkRows;

        // Magic, version, header length.
        Span<byte> lead = stackalloc byte[12];
        int got = stream.ReadAtLeast(lead, 10, throwOnEndOfStream: false);
        if (got < 10 || !lead[..6].SequenceEqual(Magic))
        {
            throw new CliException($"{name}: not a NumPy .npy file (no \\x93NUMPY magic at the start).");
        }

        byte major = lead[6];
        int headerLength;
        int prefix;
        if (major == 1)
        {
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(lead[8..]);
            prefix = 10;
        }
        else if (major is 2 or 3)
        {
            if (got < 12 && stream.ReadAtLeast(lead[got..], 12 - got, throwOnEndOfStream: false) < 12 - got)
            {
                throw new CliException($"{name}: truncated .npy header.");
            }

            uint claimed = BinaryPrimitives.ReadUInt32LittleEndian(lead[8..]);
            headerLength = claimed > MaxHeader ? MaxHeader + 1 : (int)claimed;
            prefix = 12;
        }
        else
        {
            throw new CliException($"{name}: .npy format version {major} is not supported (1, 2 or 3 is).");
        }

        // The rest of the lead may already hold header bytes (version 1 reads 10 of 12).
        if (headerLength > MaxHeader)
        {
            throw new CliException($"{name}: .npy header of more than 1 MiB; the file is corrupt.");
        }
        var header = new byte[headerLength];
        int early = Math.Max(0, got - prefix);
        lead.Slice(prefix, Math.Min(early, headerLength)).CopyTo(header);
        if (stream.ReadAtLeast(header.AsSpan(early), headerLength - early, throwOnEndOfStream: false)
            < headerLength - early)
        {
            throw new CliException($"{name}: truncated .npy header.");
        }

        string dict = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(header);
        _dataStart = prefix + headerLength;
        (_dtype, _fortran, long[] shape) = ParseHeader(name, dict);

        // The dtype: byte order, kind, size.
        Match d = DtypePattern().Match(_dtype);
        if (!d.Success) throw new CliException($"{name}: dtype '{_dtype}' is not a label type; {Supported}.");
        _bigEndian = d.Groups[1].Value == ">";
        _kind = d.Groups[2].Value[0];
        _itemSize = int.Parse(d.Groups[3].Value, CultureInfo.InvariantCulture);
        bool known = _kind switch
        {
            'i' or 'u' => _itemSize is 1 or 2 or 4 or 8,
            'b' => _itemSize == 1,
            'f' => _itemSize is 2 or 4 or 8,
            _ => false,
        };
        if (!known) throw new CliException($"{name}: dtype '{_dtype}' is not a label type; {Supported}.");

        // The shape: (n,) is one labeling, (n, k) k of them.
        switch (shape.Length)
        {
            case 1:
                _rows = shape[0];
                _columns = 1;
                _names = [LabelFiles.StemOf(name)];
                break;
            case 2:
                _rows = shape[0];
                _columns = shape[1] <= int.MaxValue ? (int)shape[1] : throw TooLarge(name, shape);
                _names = [.. Enumerable.Range(0, _columns).Select(c => c.ToString(CultureInfo.InvariantCulture))];
                break;
            default:
                throw new CliException(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: a {shape.Length}-D array; labelings are a 1-D array or the columns of a 2-D one."));
        }

        if (_columns == 0) throw new CliException($"{name}: the array has no columns (shape (n, 0)).");

        // The data must be exactly rows × columns items: fewer is a truncated file.
        long expected;
        try
        {
            expected = checked(_rows * _columns * _itemSize);
        }
        catch (OverflowException)
        {
            throw TooLarge(name, shape);
        }

        // A C-order chunk is whole rows read into one array: a row must fit in it.
        if (!_fortran && (long)_columns * _itemSize > MaxChunkBytes)
        {
            throw new CliException(string.Create(CultureInfo.InvariantCulture,
                $"{name}: a row of {_columns} items is wider than {MaxChunkBytes >> 20} MiB; save the array in "
                + $"Fortran order (or transposed) to read it."));
        }

        if (stream.CanSeek)
        {
            long actual = stream.Length - _dataStart;
            if (actual != expected)
            {
                throw new CliException(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: the header says {_rows} × {_columns} items of {_dtype} ({expected} bytes) "
                    + $"but the file holds {actual} bytes of data; {(actual < expected ? "truncated" : "corrupt")}."));
            }
        }
        else if (_fortran && _columns > 1)
        {
            throw new CliException($"{name}: a Fortran-order 2-D .npy must be a file, not a pipe.");
        }
    }

    /// <summary>The longest header read (numpy writes a few hundred bytes).</summary>
    private const int MaxHeader = 1 << 20;

    /// <summary>The most bytes read at once: a chunk holds fewer rows when rows are wide.</summary>
    private const int MaxChunkBytes = 1 << 28;

    private static CliException TooLarge(string name, long[] shape) =>
        new($"{name}: the header's shape ({string.Join(", ", shape)}) is too large to be read; the file is "
            + "corrupt.");

    private const string Supported = "integer (i1 u1 i2 u2 i4 u4 i8 u8), bool, or float with integer values";

    public override IReadOnlyList<string> Columns => _names;

    public override long? KnownRowCount => _rows;

    protected override void OnSelected()
    {
        for (int k = 0; k < SelectedCount; k++)
        {
            Buffer(k).IsInteger = true;
            Buffer(k).MissingWord = "NaN";
        }
    }

    protected override int ReadChunk()
    {
        int rowBytes = _fortran && _columns > 1 ? _itemSize : _columns * _itemSize;
        int count = (int)Math.Min(Math.Min(_chunkRows, MaxChunkBytes / rowBytes), _rows - RowsRead);
        if (count <= 0) return 0;
        for (int k = 0; k < SelectedCount; k++) Buffer(k).EnsureCapacity(count);
        if (!_fortran || _columns == 1)
        {
            // C order: the chunk's rows are contiguous, each row its k items side by side.
            ReadExactly(_dataStart + (RowsRead * rowBytes), count * rowBytes);
            for (int k = 0; k < SelectedCount; k++)
            {
                Decode(k, _bytes, ColumnIndex(k) * _itemSize, rowBytes, count);
            }
        }
        else
        {
            // Fortran order: each column is contiguous; read the chunk's slice of each.
            for (int k = 0; k < SelectedCount; k++)
            {
                long at = _dataStart + ((((long)ColumnIndex(k) * _rows) + RowsRead) * _itemSize);
                ReadExactly(at, count * _itemSize);
                Decode(k, _bytes, 0, _itemSize, count);
            }
        }

        return count;
    }

    private void ReadExactly(long position, int length)
    {
        if (_bytes.Length < length) _bytes = new byte[length];
        if (_stream.CanSeek) _stream.Position = position;
        if (_stream.ReadAtLeast(_bytes.AsSpan(0, length), length, throwOnEndOfStream: false) < length)
        {
            throw new CliException(string.Create(CultureInfo.InvariantCulture,
                $"{Name}: truncated: the data ends before row {RowsRead + 1} of {_rows}."));
        }
    }

    /// <summary>Item k of each row: <paramref name="stride"/> bytes apart from <paramref name="offset"/>.</summary>
    private void Decode(int k, byte[] bytes, int offset, int stride, int count)
    {
        long[] values = Buffer(k).Values;
        ReadOnlySpan<byte> b = bytes;
        bool big = _bigEndian;
        switch (_kind, _itemSize)
        {
            case ('i', 1):
                for (int i = 0; i < count; i++) values[i] = (sbyte)b[offset + (i * stride)];
                break;
            case ('u', 1) or ('b', 1):
                for (int i = 0; i < count; i++) values[i] = b[offset + (i * stride)];
                break;
            case ('i', 2):
                for (int i = 0; i < count; i++)
                {
                    ReadOnlySpan<byte> s = b.Slice(offset + (i * stride), 2);
                    values[i] = big ? ReadInt16BigEndian(s) : ReadInt16LittleEndian(s);
                }

                break;
            case ('u', 2):
                for (int i = 0; i < count; i++)
                {
                    ReadOnlySpan<byte> s = b.Slice(offset + (i * stride), 2);
                    values[i] = big ? ReadUInt16BigEndian(s) : ReadUInt16LittleEndian(s);
                }

                break;
            case ('i', 4):
                for (int i = 0; i < count; i++)
                {
                    ReadOnlySpan<byte> s = b.Slice(offset + (i * stride), 4);
                    values[i] = big ? ReadInt32BigEndian(s) : ReadInt32LittleEndian(s);
                }

                break;
            case ('u', 4):
                for (int i = 0; i < count; i++)
                {
                    ReadOnlySpan<byte> s = b.Slice(offset + (i * stride), 4);
                    values[i] = big ? ReadUInt32BigEndian(s) : ReadUInt32LittleEndian(s);
                }

                break;
            case ('i', 8) or ('u', 8):
                // u8 past 2^63 − 1 wraps to a negative long: a bijection, so equality is kept.
                for (int i = 0; i < count; i++)
                {
                    ReadOnlySpan<byte> s = b.Slice(offset + (i * stride), 8);
                    values[i] = big ? ReadInt64BigEndian(s) : ReadInt64LittleEndian(s);
                }

                break;
            default:
                for (int i = 0; i < count; i++)
                {
                    ReadOnlySpan<byte> s = b.Slice(offset + (i * stride), _itemSize);
                    double value = _itemSize switch
                    {
                        2 => (double)(big ? ReadHalfBigEndian(s) : ReadHalfLittleEndian(s)),
                        4 => big ? ReadSingleBigEndian(s) : ReadSingleLittleEndian(s),
                        _ => big ? ReadDoubleBigEndian(s) : ReadDoubleLittleEndian(s),
                    };
                    SetFloat(k, i, value, _dtype);
                }

                break;
        }
    }

    private static (string Descr, bool Fortran, long[] Shape) ParseHeader(string name, string dict)
    {
        Match descr = DescrPattern().Match(dict);
        Match fortran = FortranPattern().Match(dict);
        Match shape = ShapePattern().Match(dict);
        if (!descr.Success || !fortran.Success || !shape.Success)
        {
            // A structured dtype's descr is a list, not a string.
            string what = dict.Contains("'descr': [", StringComparison.Ordinal)
                ? "a structured dtype (record array) is not a labeling"
                : $"the header is not a .npy header: {LabelFiles.Printable(dict.Trim())}";
            throw new CliException($"{name}: {what}.");
        }

        const StringSplitOptions parts = StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries;
        string[] texts = shape.Groups[1].Value.Split(',', parts);
        var dims = new long[texts.Length];
        for (int i = 0; i < texts.Length; i++)
        {
            if (!long.TryParse(texts[i], NumberStyles.None, CultureInfo.InvariantCulture, out dims[i]))
            {
                throw new CliException($"{name}: the header's shape ({LabelFiles.Printable(shape.Groups[1].Value)}) "
                    + "is too large to be read; the file is corrupt.");
            }
        }

        if (dims.Length == 0) throw new CliException($"{name}: a 0-D array (a single value) is not a labeling.");
        return (descr.Groups[1].Value, fortran.Groups[1].Value == "True", dims);
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([0-9,\s]*)\)")]
    private static partial Regex ShapePattern();

    [GeneratedRegex(@"^([<>|=]?)([a-zA-Z])([0-9]+)$")]
    private static partial Regex DtypePattern();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _stream.Dispose();
    }
}
