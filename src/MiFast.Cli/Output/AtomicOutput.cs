using System.Text;

namespace MiFast.Cli.Output;

/// <summary>Writes a command's result to stdout, or to a file that appears whole or not at all.</summary>
/// <remarks>
/// The file is written as a temporary file in the same directory (so the rename stays on one file
/// system), flushed to disk, then renamed over the target. On any failure, the temporary file is
/// deleted: no half-written file appears and an existing file is left as it was.
/// </remarks>
internal static class AtomicOutput
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/>, or to
    /// <paramref name="stdout"/> when the path is null or "-".</summary>
    public static void Write(string? path, string content, TextWriter stdout) =>
        Write(path, writer => writer.Write(content), stdout);

    /// <summary>Runs <paramref name="write"/> on stdout, or on a temporary file renamed to
    /// <paramref name="path"/> once <paramref name="write"/> has returned and the bytes are on disk.</summary>
    public static void Write(string? path, Action<TextWriter> write, TextWriter stdout)
    {
        if (path is null or "-")
        {
            write(stdout);
            return;
        }

        if (path.Length == 0) throw new CliException("-o needs a file name ('-' for stdout).", ExitCodes.UsageError);
        string full = Path.GetFullPath(path);

        // A device (/dev/stdout, /dev/null, /proc/self/fd/N) is written as it is: renaming over it
        // would replace the device (or its link) with a regular file.
        if (IsDevice(full) && File.Exists(full))
        {
            WriteDevice(path, full, write);
            return;
        }

        // A link is followed, so that the link stays and its target gets the results.
        if (new FileInfo(full).LinkTarget is not null
            && File.ResolveLinkTarget(full, returnFinalTarget: true) is { } target)
        {
            full = target.FullName;
            if (IsDevice(full) && File.Exists(full))
            {
                WriteDevice(path, full, write);
                return;
            }
        }

        if (Directory.Exists(full)) throw new CliException($"{path}: is a directory; -o takes a file name.");
        string directory = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(directory)) throw new CliException($"{path}: the directory {directory} does not exist.");

        string temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var text = new StreamWriter(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                write(text);
                text.Flush();
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new CliException($"{path}: cannot be written: {e.Message}");
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static bool IsDevice(string full) =>
        !OperatingSystem.IsWindows()
        && (full.StartsWith("/dev/", StringComparison.Ordinal) || full.StartsWith("/proc/", StringComparison.Ordinal));

    private static void WriteDevice(string path, string full, Action<TextWriter> write)
    {
        try
        {
            using var file = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            using var text = new StreamWriter(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            write(text);
            text.Flush();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{path}: cannot be written: {e.Message}");
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more can be done; the original error is the one to report.
        }
    }
}
