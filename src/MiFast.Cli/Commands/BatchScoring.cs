using MiFast.Cli.Input;
using MiFast.Cli.Output;

namespace MiFast.Cli.Commands;

/// <summary>What <c>mifast score</c> was asked: the input, the columns and the score settings.</summary>
internal sealed record ScoreRequest(string? File, string? Truth, string[] Preds, bool PredAll,
    AverageMethod AverageMethod, double Beta, ProgressReporter Progress);

/// <summary>One truth against many predictions: each prediction's table and scores computed in
/// parallel with the others, the records kept in column order.</summary>
/// <remarks>
/// Every count is exact and every sum order-independent, so the scores do not depend on how the
/// predictions are spread over threads: the output is byte-identical to a serial run. EMI (the
/// expensive part of AMI) is computed inside the parallel loop, not later when printing.
/// </remarks>
internal static class BatchScoring
{
    /// <summary>Every score of each counted table, the tables in parallel, records in their order.</summary>
    public static IReadOnlyList<ScoreRecord> Score(IReadOnlyList<LabelPairTable> tables,
        AverageMethod averageMethod, double beta, ProgressReporter progress) =>
        progress.Run($"scoring {tables.Count} prediction(s)", tables.Count, reporter =>
        {
            var records = new ScoreRecord[tables.Count];
            var options = new ParallelOptions
            {
                MaxDegreeOfParallelism = tables.Count > 1 ? Environment.ProcessorCount : 1,
            };
            Parallel.For(0, tables.Count, options, k =>
            {
                ClusterScores scores = ClusterMetrics.Compare(tables[k].Table, averageMethod, beta);
                _ = scores.AdjustedMutualInfo;
                records[k] = new ScoreRecord(tables[k].Truth, tables[k].Pred, scores);
                reporter.Advance();
            });
            return (IReadOnlyList<ScoreRecord>)records;
        });
}
