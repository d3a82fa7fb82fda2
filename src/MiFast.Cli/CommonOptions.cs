using System.CommandLine;
using MiFast.Cli.Commands;
using MiFast.Cli.Input;

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

    /// <summary><c>-f/--format table|json|csv</c>.</summary>
    public static Option<string> CreateFormat()
    {
        Option<string> format = new("--format", "-f")
        {
            Description = "Output format.",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        return format;
    }

    /// <summary><c>--average-method</c>: the mean that normalizes NMI and AMI.</summary>
    public static Option<string> CreateAverageMethod()
    {
        Option<string> average = new("--average-method")
        {
            Description = "The mean of the two entropies that normalizes NMI and AMI.",
            DefaultValueFactory = _ => "arithmetic",
        };
        average.AcceptOnlyFromAmong("arithmetic", "geometric", "min", "max");
        return average;
    }

    /// <summary><c>--beta B</c>: the V-measure's weight, a plain invariant number.</summary>
    public static Option<double> CreateBeta() => new("--beta")
    {
        Description = "Weight of completeness against homogeneity in the V-measure.",
        DefaultValueFactory = _ => 1.0,
        CustomParser = ScoreCommand.ParseBeta,
    };

    /// <summary><c>--input-format</c>: overrides the format the extension says.</summary>
    public static Option<string?> CreateInputFormat(string description)
    {
        Option<string?> inputFormat = new("--input-format") { Description = description };
        inputFormat.AcceptOnlyFromAmong("csv", "tsv", "parquet", "arrow", "npy");
        return inputFormat;
    }

    /// <summary><c>--missing error|drop|label</c>.</summary>
    public static Option<string> CreateMissing(string description)
    {
        Option<string> missing = new("--missing")
        {
            Description = description,
            DefaultValueFactory = _ => "error",
        };
        missing.AcceptOnlyFromAmong("error", "drop", "label");
        return missing;
    }

    /// <summary><c>--chunk-rows N</c>: rows per streamed chunk.</summary>
    public static Option<int> CreateChunkRows() => new("--chunk-rows")
    {
        Description = "Rows per chunk when streaming CSV and .npy (Parquet and Arrow: a row group or batch).",
        DefaultValueFactory = _ => LabelFiles.DefaultChunkRows,
    };
}
