using System.Globalization;
using System.Numerics;
using Apache.Arrow;
using Apache.Arrow.Compression;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

namespace MiFast.Cli.Input;

/// <summary>Reads label columns of an Arrow IPC file (Feather v2) or stream one record batch at a
/// time (Apache.Arrow; LZ4 and Zstandard buffers decompressed).</summary>
/// <remarks>
/// Integer columns (signed or unsigned, 8 to 64 bits) and booleans are labels as they are; text
/// columns (string, large string, string view) are remapped once; dictionary columns (pandas
/// categoricals) are read through their dictionary; float columns are read when every value is
/// an integer (NaN is missing). A null is a missing value. Memory holds one record batch.
/// </remarks>
internal sealed class ArrowLabelReader : LabelReader
{
    private static readonly byte[] FileMagic = "ARROW1"u8.ToArray();

    private readonly Stream _stream;
    private readonly ArrowReaderImplementation _reader;
    private readonly Schema _schema;
    private readonly string[] _names;

    public ArrowLabelReader(Stream stream, string name)
        : base(name)
    {
        _stream = stream;
        var lead = new byte[6];
        int got = stream.ReadAtLeast(lead, 6, throwOnEndOfStream: false);
        if (got >= 4 && lead.AsSpan(0, 4).SequenceEqual("FEA1"u8))
        {
            throw new CliException($"{name}: a Feather version 1 file; only Feather v2 (Arrow IPC) is read. "
                + "Rewrite it with a current writer (pyarrow.feather.write_feather).");
        }

        bool file = got == 6 && lead.AsSpan().SequenceEqual(FileMagic);
        Stream whole = stream.CanSeek ? Rewound(stream) : new PrefixedStream(lead.AsMemory(0, got), stream);
        var codecs = new CompressionCodecFactory();
        _reader = new ArrowReaderImplementation(file
            ? new ArrowFileReader(whole, null, codecs, leaveOpen: true)
            : new ArrowStreamReader(whole, null, codecs, leaveOpen: true));
        _schema = Guard(() => _reader.Schema)
            ?? throw new CliException($"{name}: not a valid Arrow IPC file or stream (no schema).");
        _names = [.. _schema.FieldsList.Select(f => f.Name)];
    }

    private static Stream Rewound(Stream stream)
    {
        stream.Position = 0;
        return stream;
    }

    public override IReadOnlyList<string> Columns => _names;

    protected override void OnSelected()
    {
        for (int k = 0; k < SelectedCount; k++)
        {
            Field field = _schema.FieldsList[ColumnIndex(k)];
            IArrowType type = field.DataType is DictionaryType d ? d.ValueType : field.DataType;
            bool text = type.TypeId is ArrowTypeId.String or ArrowTypeId.LargeString or ArrowTypeId.StringView;
            bool number = type.TypeId is ArrowTypeId.Int8 or ArrowTypeId.UInt8 or ArrowTypeId.Int16
                or ArrowTypeId.UInt16 or ArrowTypeId.Int32 or ArrowTypeId.UInt32 or ArrowTypeId.Int64
                or ArrowTypeId.UInt64 or ArrowTypeId.Boolean or ArrowTypeId.HalfFloat or ArrowTypeId.Float
                or ArrowTypeId.Double;
            if (!text && !number)
            {
                throw new CliException($"{Name}: column '{LabelFiles.Printable(field.Name)}' holds {type.Name} "
                    + "values; labels must be integers, text, or floats with integer values.");
            }

            Buffer(k).IsInteger = number;
        }
    }

    protected override int ReadChunk() => Guard(ReadBatch);

    private int ReadBatch()
    {
        while (true)
        {
            using RecordBatch? batch = _reader.ReadNext();
            if (batch is null) return 0;
            int count = batch.Length;
            if (count == 0) continue;
            for (int k = 0; k < SelectedCount; k++)
            {
                Buffer(k).EnsureCapacity(count);
                Fill(batch.Column(ColumnIndex(k)), k, count);
            }

            return count;
        }
    }

    private void Fill(IArrowArray array, int k, int count)
    {
        ColumnBuffer buffer = Buffer(k);
        if (array is not DictionaryArray dictionary)
        {
            Decode(array, k, buffer.Values, buffer, count, dictionaryEntries: false);
            return;
        }

        // Each dictionary entry is labelled once; a row takes its entry's label (a null entry
        // is missing, as is a null index).
        var entries = new ColumnBuffer(buffer.Name);
        entries.EnsureCapacity(Math.Max(dictionary.Dictionary.Length, 1));
        IArrowArray labels = dictionary.Dictionary;
        Decode(labels, k, entries.Values, entries, labels.Length, dictionaryEntries: true);
        var indices = new long[count];
        ReadIntegers(dictionary.Indices, indices, buffer, count);
        for (int i = 0; i < count; i++)
        {
            if (buffer.AnyMissing && buffer.Missing[i]) continue;
            long index = indices[i];
            if (entries.AnyMissing && entries.Missing[index]) buffer.SetMissing(i);
            else buffer.Values[i] = entries.Values[index];
        }
    }

    /// <summary>Decodes a plain array into <paramref name="values"/>, nulls marked in
    /// <paramref name="marks"/>; text is coded by column <paramref name="k"/>'s map.</summary>
    private void Decode(IArrowArray array, int k, long[] values, ColumnBuffer marks, int count, bool dictionaryEntries)
    {
        ColumnBuffer codes = Buffer(k);
        switch (array)
        {
            case StringArray s:
                for (int i = 0; i < count; i++)
                {
                    if (s.IsNull(i)) marks.SetMissing(i);
                    else values[i] = codes.Code(s.GetString(i));
                }

                break;
            case LargeStringArray s:
                for (int i = 0; i < count; i++)
                {
                    if (s.IsNull(i)) marks.SetMissing(i);
                    else values[i] = codes.Code(s.GetString(i));
                }

                break;
            case StringViewArray s:
                for (int i = 0; i < count; i++)
                {
                    if (s.IsNull(i)) marks.SetMissing(i);
                    else values[i] = codes.Code(s.GetString(i));
                }

                break;
            case BooleanArray b:
                for (int i = 0; i < count; i++)
                {
                    if (b.GetValue(i) is { } v) values[i] = v ? 1 : 0;
                    else marks.SetMissing(i);
                }

                break;
            case HalfFloatArray h:
                Floats(h, k, values, marks, count, "halffloat", dictionaryEntries);
                break;
            case FloatArray f:
                Floats(f, k, values, marks, count, "float", dictionaryEntries);
                break;
            case DoubleArray d:
                Floats(d, k, values, marks, count, "double", dictionaryEntries);
                break;
            default:
                ReadIntegers(array, values, marks, count);
                break;
        }
    }

    /// <summary>Float labels: NaN is missing, an integral value is that integer, anything else is an
    /// error (naming the row, or the dictionary entry).</summary>
    private void Floats<T>(PrimitiveArray<T> array, int k, long[] values, ColumnBuffer marks, int count, string type,
        bool dictionaryEntries)
        where T : struct, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> raw = array.Values;
        for (int i = 0; i < count; i++)
        {
            double v = double.CreateTruncating(raw[i]);
            if (array.IsNull(i) || double.IsNaN(v))
            {
                marks.SetMissing(i);
            }
            else if (!dictionaryEntries)
            {
                SetFloat(k, i, v, type);
            }
            else if (v == Math.Floor(v) && v >= -9.2233720368547758E18 && v < 9.2233720368547758E18)
            {
                values[i] = (long)v;
            }
            else
            {
                throw new CliException(string.Create(CultureInfo.InvariantCulture,
                    $"{Name}: column '{LabelFiles.Printable(marks.Name)}': dictionary entry {i} is {v:R}, not an "
                    + $"integer label ({type} column); labels must be integers or text."));
            }
        }
    }

    private static void ReadIntegers(IArrowArray array, long[] values, ColumnBuffer marks, int count)
    {
        switch (array)
        {
            case Int8Array a: Integers(a, values, marks, count); break;
            case UInt8Array a: Integers(a, values, marks, count); break;
            case Int16Array a: Integers(a, values, marks, count); break;
            case UInt16Array a: Integers(a, values, marks, count); break;
            case Int32Array a: Integers(a, values, marks, count); break;
            case UInt32Array a: Integers(a, values, marks, count); break;
            case Int64Array a: Integers(a, values, marks, count); break;
            case UInt64Array a: Integers(a, values, marks, count); break;
            default:
                throw new CliException($"unexpected Arrow array type {array.Data.DataType.Name}.");
        }
    }

    /// <summary>Widens to 64 bits (UInt64 past 2^63 − 1 wraps: a bijection, equality kept).</summary>
    private static void Integers<T>(PrimitiveArray<T> array, long[] values, ColumnBuffer marks, int count)
        where T : struct, IBinaryInteger<T>
    {
        ReadOnlySpan<T> raw = array.Values;
        for (int i = 0; i < count; i++) values[i] = long.CreateTruncating(raw[i]);
        if (array.NullCount == 0) return;
        for (int i = 0; i < count; i++)
        {
            if (array.IsNull(i)) marks.SetMissing(i);
        }
    }

    private T Guard<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch (Exception e) when (e is not CliException and not OutOfMemoryException)
        {
            throw new CliException($"{Name}: not a valid Arrow IPC file or stream, or truncated "
                + $"({LabelFiles.Printable(e.Message)}).");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _reader.Dispose();
            _stream.Dispose();
        }
    }

    /// <summary>The file and stream readers behind one interface.</summary>
    private sealed class ArrowReaderImplementation(ArrowStreamReader reader) : IDisposable
    {
        public Schema Schema => reader.Schema;

        public RecordBatch? ReadNext() => reader.ReadNextRecordBatch();

        public void Dispose() => reader.Dispose();
    }
}
