namespace MiFast;

/// <summary>
/// Every clustering-comparison score of one pair of labelings, from one contingency table;
/// see <see cref="ClusterMetrics"/> for each formula and its edge cases.
/// </summary>
public sealed class ClusterScores
{
    private readonly ContingencyTable _table;

    internal ClusterScores(ContingencyTable table, AverageMethod averageMethod, double beta)
    {
        _table = table;
        AverageMethod = averageMethod;
        Beta = beta;
        MutualInfo = ClusterMetrics.MutualInfoScore(table);
        EntropyTrue = table.Information.EntropyTrue;
        EntropyPred = table.Information.EntropyPred;
        NormalizedMutualInfo = ClusterMetrics.NormalizedMutualInfoScore(table, averageMethod);
        AdjustedRand = ClusterMetrics.AdjustedRandScore(table);
        Rand = ClusterMetrics.RandScore(table);
        Homogeneity = ClusterMetrics.HomogeneityScore(table);
        Completeness = ClusterMetrics.CompletenessScore(table);
        VMeasure = ClusterMetrics.VMeasureScore(table, beta);
        FowlkesMallows = ClusterMetrics.FowlkesMallowsScore(table);
        VariationOfInformation = ClusterMetrics.VariationOfInformation(table);
        PairConfusion = ClusterMetrics.PairConfusionMatrix(table);
    }

    /// <summary>n, the number of items.</summary>
    public long SampleCount => _table.SampleCount;

    /// <summary>The number of distinct true labels.</summary>
    public int ClassCount => _table.RowCount;

    /// <summary>The number of distinct predicted labels.</summary>
    public int ClusterCount => _table.ColumnCount;

    /// <summary>The average method of <see cref="NormalizedMutualInfo"/> and
    /// <see cref="AdjustedMutualInfo"/>.</summary>
    public AverageMethod AverageMethod { get; }

    /// <summary>The β of <see cref="VMeasure"/>.</summary>
    public double Beta { get; }

    /// <summary>I(U; V) in nats.</summary>
    public double MutualInfo { get; }

    /// <summary>H(U) of the true labeling, in nats.</summary>
    public double EntropyTrue { get; }

    /// <summary>H(V) of the predicted labeling, in nats.</summary>
    public double EntropyPred { get; }

    /// <summary>E[I] under the hypergeometric model, in nats.</summary>
    /// <remarks>Computed on first read (then kept by the table): the one score whose cost grows
    /// with the marginals rather than with the cells, so scores that do not read it (or
    /// <see cref="AdjustedMutualInfo"/>) never pay for it.</remarks>
    public double ExpectedMutualInfo => ClusterMetrics.ExpectedMutualInformation(_table);

    /// <summary>NMI with <see cref="AverageMethod"/>.</summary>
    public double NormalizedMutualInfo { get; }

    /// <summary>AMI with <see cref="AverageMethod"/>; reads <see cref="ExpectedMutualInfo"/>
    /// (computed on first read).</summary>
    public double AdjustedMutualInfo => ClusterMetrics.AdjustedMutualInfoScore(_table, AverageMethod);

    /// <summary>The adjusted Rand index.</summary>
    public double AdjustedRand { get; }

    /// <summary>The Rand index.</summary>
    public double Rand { get; }

    /// <summary>Homogeneity, I / H(U).</summary>
    public double Homogeneity { get; }

    /// <summary>Completeness, I / H(V).</summary>
    public double Completeness { get; }

    /// <summary>The V-measure with <see cref="Beta"/>.</summary>
    public double VMeasure { get; }

    /// <summary>The Fowlkes–Mallows index.</summary>
    public double FowlkesMallows { get; }

    /// <summary>The variation of information H(U) + H(V) − 2I, in nats.</summary>
    public double VariationOfInformation { get; }

    /// <summary>The pair confusion matrix (ordered pairs).</summary>
    public PairConfusion PairConfusion { get; }

    /// <summary>NMI with another average method, from the stored entropies (no recount).</summary>
    public double NormalizedMutualInfoWith(AverageMethod averageMethod) =>
        ClusterMetrics.NormalizedMutualInfoScore(_table, averageMethod);

    /// <summary>AMI with another average method, from the stored EMI (no recount).</summary>
    public double AdjustedMutualInfoWith(AverageMethod averageMethod) =>
        ClusterMetrics.AdjustedMutualInfoScore(_table, averageMethod);

    /// <summary>The V-measure with another β.</summary>
    public double VMeasureWith(double beta) => ClusterMetrics.VMeasureScore(_table, beta);
}
