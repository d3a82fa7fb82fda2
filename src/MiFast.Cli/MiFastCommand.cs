using System.CommandLine;
using System.CommandLine.Help;
using MiFast.Cli.Commands;

namespace MiFast.Cli;

/// <summary>The <c>mifast</c> command line: results to stdout, messages to stderr.</summary>
internal static class MiFastCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        Option<bool> quiet = CommonOptions.CreateQuiet();

        // A plain command named "mifast" (a RootCommand would take the assembly's name).
        Command root = new("mifast", "MiFast: mutual information and every clustering-comparison score, "
            + "scikit-learn compatible and exact.")
        {
            new HelpOption(),
            new VersionOption(),
            quiet,
            ScoreCommand.Create(stdout, stderr, quiet),
            MatrixCommand.Create(stdout, stderr, quiet),
            ContributionsCommand.Create(stdout, stderr, quiet),
            NoiseCommand.Create(stdout, stderr, quiet),
            ThresholdCommand.Create(stdout, stderr, quiet),
            ReportCommand.Create(stdout, stderr, quiet),
        };

        // Usage errors: say what is wrong, exit 2.
        // No response files: an argument starting with '@' is a name, not a file of arguments.
        ParseResult parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError error in parse.Errors)
                stderr.WriteLine($"mifast: error: {OneLine(error.Message)}");
            stderr.WriteLine("Run 'mifast --help' or 'mifast COMMAND --help' for usage.");
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
            stderr.WriteLine($"mifast: error: {Input.LabelFiles.Printable(e.Message)}");
            return e.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Writing the results failed (a full disk, a closed pipe).
            stderr.WriteLine($"mifast: error: cannot write the output: {Input.LabelFiles.Printable(e.Message)}");
            return ExitCodes.DataError;
        }
    }

    /// <summary>A parser message on one line: its lines (a list of allowed values) joined by
    /// spaces, any other control character shown as '?'.</summary>
    internal static string OneLine(string message) =>
        Input.LabelFiles.Printable(string.Join(' ', message.Split('\n',
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
}
