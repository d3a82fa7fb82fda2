using System.CommandLine;

namespace MiFast.Cli;

/// <summary>Options shared by every <c>mifast</c> command.</summary>
internal static class CommonOptions
{
    /// <summary><c>-q/--quiet</c>: no progress bar and no informational stderr lines (errors are
    /// still reported). Recursive: every subcommand accepts it.</summary>
    public static Option<bool> CreateQuiet() => new("--quiet", "-q")
    {
        Description = "No progress bar and no informational messages on stderr (errors still are).",
        Recursive = true,
    };

    /// <summary><c>-o/--output FILE</c>: results to a file written atomically instead of stdout.</summary>
    public static Option<string?> CreateOutput() => new("--output", "-o")
    {
        Description = "Write the results to FILE (atomically: whole or not at all) instead of stdout.",
        HelpName = "FILE",
    };
}
