using System.CommandLine;
using MiFast.Cli.Engines;
using MiFast.Cli.Input;
using MiFast.Cli.Output;

namespace MiFast.Cli.Commands;

/// <summary>The options of <c>mifast score</c> that take the counting elsewhere: a counts table
/// made by a SQL engine (<c>--counts</c>), or the GROUP BY run inside embedded DuckDB
/// (<c>--engine duckdb</c>).</summary>
internal sealed class PipelineOptions
{
    public Option<string?> Counts { get; } = new("--counts")
    {
        Description = "Score a table of (truth label, pred label, count) rows, as a SQL GROUP BY makes it "
            + "(CSV/TSV, optionally gzip); name its columns with --truth, --pred and --count.",
        HelpName = "FILE",
    };

    public Option<string?> Count { get; } = new("--count")
    {
        Description = "With --counts: the column of counts.",
        HelpName = "COL",
    };

    public Option<string> Engine { get; } = CreateEngine();

    private static Option<string> CreateEngine()
    {
        Option<string> engine = new("--engine")
        {
            Description = "Where the labels are counted: 'direct' reads them into MiFast; 'duckdb' runs the "
                + "GROUP BY in embedded DuckDB over FILE (.parquet, .csv, .tsv; a glob such as 'data/*.parquet').",
            DefaultValueFactory = _ => "direct",
        };
        engine.AcceptOnlyFromAmong("direct", "duckdb");
        return engine;
    }

    /// <summary>The records when a pipeline option applies, else null (direct scoring).</summary>
    public IReadOnlyList<ScoreRecord>? TryScore(ParseResult parse, ScoreRequest request)
    {
        string? counts = parse.GetValue(Counts), count = parse.GetValue(Count);
        bool duckdb = parse.GetValue(Engine) == "duckdb";
        if (counts is null && count is not null)
        {
            throw new CliException("--count names a column of a --counts FILE; give --counts FILE too.",
                ExitCodes.UsageError);
        }

        if (counts is not null) return ScoreCounts(request, counts, count, duckdb);
        if (!duckdb) return null;

        if (request.File is null)
        {
            throw new CliException("--engine duckdb needs a FILE (or a glob).", ExitCodes.UsageError);
        }

        if (request.Truth is null) throw new CliException("--truth COL is required with a FILE.", ExitCodes.UsageError);
        return DuckDbCounts.Score(request.File, request.Truth, request.Preds, request.AverageMethod, request.Beta,
            request.Progress);
    }

    private static IReadOnlyList<ScoreRecord> ScoreCounts(ScoreRequest request, string counts, string? count,
        bool duckdb)
    {
        if (request.File is not null)
        {
            throw new CliException($"--counts {counts} is the input; do not give a FILE ('{request.File}') too.",
                ExitCodes.UsageError);
        }

        if (duckdb) throw new CliException("--counts and --engine duckdb cannot be combined.", ExitCodes.UsageError);
        if (request.PredAll || request.Truth is null || request.Preds.Length != 1 || count is null)
        {
            throw new CliException("--counts FILE needs --truth COL, one --pred COL and --count COL.",
                ExitCodes.UsageError);
        }

        ContingencyTable<string, string> table = request.Progress.Run("reading counts", 0,
            _ => CountsTable.ReadFile(counts, request.Truth, request.Preds[0], count));
        return [new ScoreRecord(request.Truth, request.Preds[0],
            ClusterMetrics.Compare(table, request.AverageMethod, request.Beta))];
    }
}
