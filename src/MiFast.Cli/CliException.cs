namespace MiFast.Cli;

/// <summary>A failure the user can act on: one line for stderr and the exit code.</summary>
internal sealed class CliException(string message, int exitCode = ExitCodes.DataError) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>The exit codes of <c>mifast</c>.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The input cannot be scored: missing or unreadable file, missing column, bad row.</summary>
    public const int DataError = 1;

    /// <summary>The command line is wrong: unknown option, missing argument, bad value.</summary>
    public const int UsageError = 2;
}
