using MiFast.Analysis;

namespace MiFast.Cli.Output;

/// <summary>The scores of one prediction column against the truth column, as printed.</summary>
internal sealed record ScoreRecord(string Truth, string Pred, ClusterScores Scores)
{
    /// <summary>The unit of MI, the entropies and VI (<c>--log-base</c>); nats by default.</summary>
    public LogBase LogBase { get; init; } = LogBase.E;

    /// <summary>The JSON and CSV keys, in output order, each with its value.</summary>
    public IEnumerable<(string Key, double Value)> Numbers()
    {
        yield return ("mutual_info_score", LogBase.FromNats(Scores.MutualInfo));
        yield return ("normalized_mutual_info_score", Scores.NormalizedMutualInfo);
        yield return ("adjusted_mutual_info_score", Scores.AdjustedMutualInfo);
        yield return ("adjusted_rand_score", Scores.AdjustedRand);
        yield return ("rand_score", Scores.Rand);
        yield return ("homogeneity_score", Scores.Homogeneity);
        yield return ("completeness_score", Scores.Completeness);
        yield return ("v_measure_score", Scores.VMeasure);
        yield return ("fowlkes_mallows_score", Scores.FowlkesMallows);
        yield return ("entropy_true", LogBase.FromNats(Scores.EntropyTrue));
        yield return ("entropy_pred", LogBase.FromNats(Scores.EntropyPred));
        yield return ("variation_of_information", LogBase.FromNats(Scores.VariationOfInformation));
    }

    public static readonly string[] CountKeys = ["n_samples", "n_classes", "n_clusters"];

    public long[] Counts() => [Scores.SampleCount, Scores.ClassCount, Scores.ClusterCount];
}
