using System.IO.Compression;
using Apache.Arrow;
using Apache.Arrow.Compression;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Parquet;
using Parquet.Schema;

namespace MiFast.Tests.Cli;

/// <summary>A column to write: text labels (null = missing) or integer labels (null = missing).</summary>
internal sealed record TestColumn(string Name, string?[]? Text = null, long?[]? Integers = null)
{
    public int Length => Text?.Length ?? Integers!.Length;
}

/// <summary>Writes label files in every input format, with the libraries the readers use (Parquet.Net,
/// Apache.Arrow) and .npy by hand, so the tests can convert the real CSV files.</summary>
internal static class LabelFileWriters
{
    /// <summary>The header and the columns of a CSV file (plain or gzip) of tests/data: no quoting.</summary>
    public static TestColumn[] ReadCsv(string path)
    {
        using Stream file = File.OpenRead(path);
        using Stream text = path.EndsWith(".gz", StringComparison.Ordinal)
            ? new GZipStream(file, CompressionMode.Decompress)
            : file;
        using var reader = new StreamReader(text);
        string[] header = reader.ReadLine()!.Split(',');
        var columns = header.Select(_ => new List<string?>()).ToArray();
        while (reader.ReadLine() is { } line)
        {
            string[] fields = line.Split(',');
            for (int c = 0; c < fields.Length; c++) columns[c].Add(fields[c]);
        }

        return [.. header.Select((h, c) => new TestColumn(h, Text: [.. columns[c]]))];
    }

    /// <summary>Each text column as integer codes in order of first appearance (the same partition).</summary>
    public static TestColumn[] Factorized(TestColumn[] columns) =>
        [.. columns.Select(c =>
        {
            var codes = new Dictionary<string, long>(StringComparer.Ordinal);
            return new TestColumn(c.Name, Integers: [.. c.Text!.Select(s => (long?)(codes.TryGetValue(s!, out long v)
                ? v
                : codes[s!] = codes.Count))]);
        })];

    public static void WriteCsv(string path, TestColumn[] columns)
    {
        using var writer = new StreamWriter(path);
        writer.Write(string.Join(",", columns.Select(c => c.Name)) + "\n");
        for (int i = 0; i < columns[0].Length; i++)
        {
            writer.Write(string.Join(",", columns.Select(c => c.Text is { } t ? t[i] ?? "" : c.Integers![i]?.ToString(
                System.Globalization.CultureInfo.InvariantCulture) ?? "")) + "\n");
        }
    }

    public static async Task WriteParquet(string path, TestColumn[] columns, int rowGroupRows,
        bool nullable = false, bool int32 = false)
    {
        DataField[] fields = [.. columns.Select(c => c.Text is not null
            ? new DataField(c.Name, typeof(string), isNullable: true)
            : new DataField(c.Name, int32 ? typeof(int) : typeof(long), isNullable: nullable))];
        await using FileStream stream = File.Create(path);
        await using ParquetWriter writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
        int n = columns[0].Length;
        for (int start = 0; start < n; start += rowGroupRows)
        {
            int count = Math.Min(rowGroupRows, n - start);
            using ParquetRowGroupWriter group = writer.CreateRowGroup();
            for (int c = 0; c < columns.Length; c++)
            {
                TestColumn column = columns[c];
                if (column.Text is { } text)
                {
                    await group.WriteAsync(fields[c], text[start..(start + count)]);
                }
                else if (int32)
                {
                    int[] values = [.. column.Integers![start..(start + count)].Select(v => (int)v!.Value)];
                    await group.WriteAsync<int>(fields[c], values.AsMemory());
                }
                else if (nullable)
                {
                    await group.WriteAsync<long>(fields[c], column.Integers![start..(start + count)].AsMemory());
                }
                else
                {
                    long[] values = [.. column.Integers![start..(start + count)].Select(v => v!.Value)];
                    await group.WriteAsync<long>(fields[c], values.AsMemory());
                }
            }
        }
    }

    public enum ArrowKind
    {
        File,
        Stream,
        FileZstd,
        FileDictionary,
    }

    public static void WriteArrow(string path, TestColumn[] columns, int batchRows, ArrowKind kind)
    {
        int n = columns[0].Length;
        var batches = new List<RecordBatch>();
        for (int start = 0; start < n; start += batchRows)
        {
            int count = Math.Min(batchRows, n - start);
            var builder = new RecordBatch.Builder();
            foreach (TestColumn column in columns)
            {
                builder.Append(column.Name, true, Array(column, start, count, kind == ArrowKind.FileDictionary));
            }

            batches.Add(builder.Build());
        }

        using FileStream stream = File.Create(path);
        var options = kind == ArrowKind.FileZstd
            ? new IpcOptions
            {
                CompressionCodec = CompressionCodecType.Zstd,
                CompressionCodecFactory = new CompressionCodecFactory(),
            }
            : new IpcOptions();
        using ArrowStreamWriter writer = kind == ArrowKind.Stream
            ? new ArrowStreamWriter(stream, batches[0].Schema, leaveOpen: true, options)
            : new ArrowFileWriter(stream, batches[0].Schema, leaveOpen: true, options);
        foreach (RecordBatch batch in batches) writer.WriteRecordBatch(batch);
        writer.WriteEnd();
    }

    private static IArrowArray Array(TestColumn column, int start, int count, bool dictionary)
    {
        if (column.Text is { } text)
        {
            string?[] slice = text[start..(start + count)];
            if (dictionary)
            {
                // One dictionary of every label of the column (the same in each batch).
                string[] entries =
                    [.. text.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
                var indices = new Int32Array.Builder();
                foreach (string? s in slice)
                {
                    if (s is null) indices.AppendNull();
                    else indices.Append(System.Array.IndexOf(entries, s));
                }

                var values = new StringArray.Builder().AppendRange(entries).Build();
                return new DictionaryArray(new DictionaryType(Int32Type.Default, StringType.Default, false),
                    indices.Build(), values);
            }

            var builder = new StringArray.Builder();
            foreach (string? s in slice)
            {
                if (s is null) builder.AppendNull();
                else builder.Append(s);
            }

            return builder.Build();
        }

        var longs = new Int64Array.Builder();
        foreach (long? v in column.Integers![start..(start + count)])
        {
            if (v is { } value) longs.Append(value);
            else longs.AppendNull();
        }

        return longs.Build();
    }

    /// <summary>A 1-D or 2-D (C order) little-endian int64 .npy, written by hand.</summary>
    public static void WriteNpy(string path, long[][] columns)
    {
        int n = columns[0].Length;
        string shape = columns.Length == 1 ? $"({n},)" : $"({n}, {columns.Length})";
        string dict = $"{{'descr': '<i8', 'fortran_order': False, 'shape': {shape}, }}";
        int total = 10 + dict.Length + 1;
        dict = dict.PadRight(dict.Length + ((64 - (total % 64)) % 64)) + "\n";
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write((byte)0x93);
        writer.Write("NUMPY"u8);
        writer.Write((byte)1);
        writer.Write((byte)0);
        writer.Write((ushort)dict.Length);
        writer.Write(System.Text.Encoding.ASCII.GetBytes(dict));
        for (int i = 0; i < n; i++)
        {
            foreach (long[] column in columns) writer.Write(column[i]);
        }
    }
}
