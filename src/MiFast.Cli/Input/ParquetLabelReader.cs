using System.Numerics;
using Parquet;
using Parquet.Schema;

namespace MiFast.Cli.Input;

/// <summary>Reads label columns of a Parquet file one row group at a time (Parquet.Net).</summary>
/// <remarks>
/// Integer columns (signed or unsigned, 8 to 64 bits) and booleans are labels as they are; text
/// columns are remapped once; float columns are read when every value is an integer (NaN is
/// missing). A null is a missing value. Other types (dates, decimals, binary, nested) are refused.
/// Memory holds one row group of the chosen columns.
/// </remarks>
internal sealed class ParquetLabelReader : LabelReader
{
    private readonly Stream _stream;
    private readonly ParquetReader _reader;
    private readonly string[] _names;
    private readonly Field[] _fields;
    private DataField[] _chosen = [];
    private int _group;

    public ParquetLabelReader(Stream stream, string name)
        : base(name)
    {
        _stream = stream;
        _reader = Guard(name, () => ParquetReader.CreateAsync(stream,
            new ParquetOptions { TreatByteArrayAsString = true }, leaveStreamOpen: true).GetAwaiter().GetResult());
        _fields = [.. _reader.Schema.Fields];
        _names = [.. _fields.Select(f => f.Name)];
    }

    public override IReadOnlyList<string> Columns => _names;

    public override long? KnownRowCount => _reader.Metadata?.NumRows;

    protected override void OnSelected()
    {
        _chosen = new DataField[SelectedCount];
        for (int k = 0; k < SelectedCount; k++)
        {
            Field field = _fields[ColumnIndex(k)];
            if (field is not DataField data || data.IsArray)
            {
                throw new CliException($"{Name}: column '{LabelFiles.Printable(field.Name)}' is a nested "
                    + $"{field.SchemaType} column, not a labeling.");
            }

            Type type = data.ClrType;
            bool supported = IsText(type) || type == typeof(bool) || type == typeof(float)
                || type == typeof(double) || IsInteger(type);
            if (!supported)
            {
                throw new CliException($"{Name}: column '{LabelFiles.Printable(field.Name)}' holds {type.Name} "
                    + "values; labels must be integers, text, or floats with integer values.");
            }

            _chosen[k] = data;
            Buffer(k).IsInteger = !IsText(type);
        }
    }

    /// <summary>Text: Parquet.Net gives UTF-8 columns as <c>string</c> or <c>ReadOnlyMemory&lt;char&gt;</c>.</summary>
    private static bool IsText(Type t) => t == typeof(string) || t == typeof(ReadOnlyMemory<char>);

    private static bool IsInteger(Type t) =>
        t == typeof(sbyte) || t == typeof(byte) || t == typeof(short) || t == typeof(ushort)
        || t == typeof(int) || t == typeof(uint) || t == typeof(long) || t == typeof(ulong);

    protected override int ReadChunk() => Guard(Name, ReadRowGroup);

    private int ReadRowGroup()
    {
        while (_group < _reader.RowGroupCount)
        {
            using ParquetRowGroupReader group = _reader.OpenRowGroupReader(_group++);
            int count = checked((int)group.RowCount);
            if (count == 0) continue;
            for (int k = 0; k < SelectedCount; k++)
            {
                Buffer(k).EnsureCapacity(count);
                DataField field = _chosen[k];
                ReadColumn(group, field, k, count);
            }

            return count;
        }

        return 0;
    }

    private void ReadColumn(ParquetRowGroupReader group, DataField field, int k, int count)
    {
        ColumnBuffer buffer = Buffer(k);
        long[] values = buffer.Values;
        Type t = field.ClrType;
        if (IsText(t))
        {
            var text = new string?[count];
            group.ReadAsync(field, text.AsMemory(), null, default).GetAwaiter().GetResult();
            for (int i = 0; i < count; i++)
            {
                if (text[i] is { } s) values[i] = buffer.Code(s);
                else buffer.SetMissing(i);
            }
        }
        else if (t == typeof(float)) Floats<float>(group, field, k, count, "float");
        else if (t == typeof(double)) Floats<double>(group, field, k, count, "double");
        else if (t == typeof(bool)) Booleans(group, field, k, count);
        else if (t == typeof(long)) Integers<long>(group, field, k, count);
        else if (t == typeof(int)) Integers<int>(group, field, k, count);
        else if (t == typeof(short)) Integers<short>(group, field, k, count);
        else if (t == typeof(sbyte)) Integers<sbyte>(group, field, k, count);
        else if (t == typeof(byte)) Integers<byte>(group, field, k, count);
        else if (t == typeof(ushort)) Integers<ushort>(group, field, k, count);
        else if (t == typeof(uint)) Integers<uint>(group, field, k, count);
        else Integers<ulong>(group, field, k, count);
    }

    /// <summary>An integer column: each value widened to 64 bits (ulong past 2^63 − 1 wraps, a
    /// bijection that keeps equality); nulls marked missing.</summary>
    private void Integers<T>(ParquetRowGroupReader group, DataField field, int k, int count)
        where T : struct, IBinaryInteger<T>
    {
        ColumnBuffer buffer = Buffer(k);
        long[] values = buffer.Values;
        (T[] raw, bool[]? isNull) = ReadPrimitive<T>(group, field, count);
        for (int i = 0; i < count; i++) values[i] = long.CreateTruncating(raw[i]);
        MarkNulls(buffer, isNull, count);
    }

    /// <summary>A boolean column: false is 0, true is 1.</summary>
    private void Booleans(ParquetRowGroupReader group, DataField field, int k, int count)
    {
        ColumnBuffer buffer = Buffer(k);
        (bool[] flags, bool[]? isNull) = ReadPrimitive<bool>(group, field, count);
        for (int i = 0; i < count; i++) buffer.Values[i] = flags[i] ? 1 : 0;
        MarkNulls(buffer, isNull, count);
    }

    private void Floats<T>(ParquetRowGroupReader group, DataField field, int k, int count, string type)
        where T : struct, IFloatingPointIeee754<T>
    {
        (T[] raw, bool[]? isNull) = ReadPrimitive<T>(group, field, count);
        MarkNulls(Buffer(k), isNull, count);
        for (int i = 0; i < count; i++)
        {
            if (isNull is null || !isNull[i]) SetFloat(k, i, double.CreateTruncating(raw[i]), type);
        }
    }

    private static void MarkNulls(ColumnBuffer buffer, bool[]? isNull, int count)
    {
        if (isNull is null) return;
        for (int i = 0; i < count; i++)
        {
            if (isNull[i]) buffer.SetMissing(i);
        }
    }

    /// <summary>The values of a primitive column, and which are null (null when none can be).</summary>
    private static (T[] Values, bool[]? IsNull) ReadPrimitive<T>(ParquetRowGroupReader group, DataField field,
        int count)
        where T : struct
    {
        var values = new T[count];
        if (!field.IsNullable)
        {
            group.ReadAsync(field, values.AsMemory(), null, default).GetAwaiter().GetResult();
            return (values, null);
        }

        var nullable = new T?[count];
        group.ReadAsync(field, nullable.AsMemory(), null, default).GetAwaiter().GetResult();
        var isNull = new bool[count];
        for (int i = 0; i < count; i++)
        {
            if (nullable[i] is { } v) values[i] = v;
            else isNull[i] = true;
        }

        return (values, isNull);
    }

    private static T Guard<T>(string name, Func<T> step)
    {
        try
        {
            return step();
        }
        catch (Exception e) when (e is not CliException and not OutOfMemoryException)
        {
            throw new CliException(
                $"{name}: not a valid Parquet file, or truncated ({LabelFiles.Printable(e.Message)}).");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _stream.Dispose();
        }
    }
}
