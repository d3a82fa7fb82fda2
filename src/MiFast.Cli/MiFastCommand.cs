using System.CommandLine;
using MiFast.Cli.Commands;

namespace MiFast.Cli;

/// <summary>The <c>mifast</c> command line: results to stdout, messages to stderr.</summary>
internal static class MiFastCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        RootCommand root = new("MiFast: mutual information and every clustering-comparison score, "
            + "scikit-learn compatible and exact.")
        {
            ScoreCommand.Create(stdout, stderr),
        };

        // Usage errors: say what is wrong, exit 2.
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError error in parse.Errors)
                stderr.WriteLine($"mifast: error: {error.Message}");
            stderr.WriteLine("Run 'mifast --help' or 'mifast score --help' for usage.");
            return ExitCodes.UsageError;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (CliException e)
        {
            stderr.WriteLine($"mifast: error: {e.Message}");
            return e.ExitCode;
        }
    }
}
