using System.Reflection;
using ICSharpCode.SharpZipLib.GZip;

namespace MiFast.Cli.Input;

/// <summary>The formats a label file can have.</summary>
internal enum InputFormat
{
    Csv,
    Tsv,
    Parquet,
    Arrow,
    Npy,
}

/// <summary>Opens label files: the format by extension (or <c>--input-format</c>), the embedded
/// sample, and one-line text for messages.</summary>
internal static class LabelFiles
{
    public const string SampleName = "penguins.csv";
    public const string SampleTruth = "species";

    /// <summary>Rows per chunk for CSV and npy (Parquet and Arrow chunk by row group and record
    /// batch): 2^20 rows, 8 MiB of labels per column.</summary>
    public const int DefaultChunkRows = 1 << 20;

    public static LabelReader OpenSample(int chunkRows)
    {
        Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("MiFast.Cli.Samples.penguins.csv")
            ?? throw new InvalidOperationException("The embedded sample is missing from this build.");
        return new CsvLabelReader(stream, SampleName, ',', gzip: false, chunkRows);
    }

    /// <summary>The format of a file by its extension (<c>.gz</c> looked through); null for an
    /// unknown extension, which is read as CSV/TSV with the separator detected.</summary>
    public static InputFormat? FormatOf(string path)
    {
        string name = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
        return Path.GetExtension(name).ToLowerInvariant() switch
        {
            ".csv" => InputFormat.Csv,
            ".tsv" or ".tab" => InputFormat.Tsv,
            ".parquet" or ".pq" => InputFormat.Parquet,
            ".arrow" or ".feather" or ".ipc" or ".arrows" => InputFormat.Arrow,
            ".npy" => InputFormat.Npy,
            _ => null,
        };
    }

    /// <summary>Opens a label file for reading in chunks.</summary>
    public static LabelReader Open(string path, InputFormat? format, int chunkRows)
    {
        if (Directory.Exists(path)) throw new CliException($"{path}: is a directory, not a label file.");
        if (!File.Exists(path)) throw new CliException($"{path}: no such file.");
        FileStream file;
        try
        {
            file = File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{path}: cannot be read: {e.Message}");
        }

        try
        {
            if (file.CanSeek && file.Length == 0) throw new CliException($"{path}: the file is empty.");
            format ??= FormatOf(path);
            switch (format)
            {
                case InputFormat.Parquet:
                    RequireMagic(file, path, "PAR1"u8, "Parquet");
                    return new ParquetLabelReader(file, path);
                case InputFormat.Arrow:
                    return new ArrowLabelReader(file, path);
                case InputFormat.Npy:
                    return new NpyLabelReader(file, path, chunkRows);
                default:
                    Stream text = MaybeGunzip(file, out bool gzip);
                    char? separator = format switch
                    {
                        InputFormat.Csv => ',',
                        InputFormat.Tsv => '\t',
                        _ => null,
                    };
                    return new CsvLabelReader(text, path, separator, gzip, chunkRows);
            }
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static void RequireMagic(FileStream file, string path, ReadOnlySpan<byte> magic, string format)
    {
        Span<byte> lead = stackalloc byte[magic.Length];
        int got = file.ReadAtLeast(lead, lead.Length, throwOnEndOfStream: false);
        file.Position = 0;
        if (got < magic.Length || !lead.SequenceEqual(magic))
        {
            throw new CliException($"{path}: not a {format} file (no {System.Text.Encoding.ASCII.GetString(magic)} "
                + "magic at the start).");
        }
    }

    /// <summary>The file name without directory and extensions (<c>a/pred.npy</c>: <c>pred</c>).</summary>
    public static string StemOf(string path)
    {
        string name = Path.GetFileName(path);
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) name = name[..^3];
        return Path.GetFileNameWithoutExtension(name);
    }

    /// <summary>Wraps the stream in a gzip decoder when it starts with the gzip magic bytes; a
    /// pipe's first bytes are read and put back in front. The decoder disposes
    /// <paramref name="raw"/> with itself unless <paramref name="ownsRaw"/> is false.</summary>
    internal static Stream MaybeGunzip(Stream raw, out bool gzip, bool ownsRaw = true)
    {
        var magic = new byte[2];
        int read = raw.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        Stream whole = raw.CanSeek
            ? Rewound(raw, read)
            : new PrefixedStream(magic.AsMemory(0, read), raw);
        gzip = read == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        return gzip ? new GZipInputStream(whole) { IsStreamOwner = ownsRaw } : whole;

        static Stream Rewound(Stream stream, int read)
        {
            stream.Seek(-read, SeekOrigin.Current);
            return stream;
        }
    }

    /// <summary>Text for a one-line message: control characters shown as '?'.</summary>
    internal static string Printable(string text) =>
        string.Create(text.Length, text, (span, source) =>
        {
            for (int i = 0; i < span.Length; i++) span[i] = char.IsControl(source[i]) ? '?' : source[i];
        });
}
