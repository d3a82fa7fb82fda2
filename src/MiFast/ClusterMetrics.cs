namespace MiFast;

/// <summary>
/// Clustering-comparison scores with scikit-learn's names, formulas and edge-case conventions
/// (<c>sklearn.metrics</c>), computed exactly: natural logarithms (nats), exact integer pair
/// counts, an exact expected mutual information.
/// </summary>
/// <remarks>
/// <para>Notation: U is the true labeling with classes of sizes a_i (rows), V the predicted
/// labeling with clusters of sizes b_j (columns), n_ij the contingency table, n the number of
/// items. H(U) = −Σ (a_i/n) ln(a_i/n); I(U; V) = Σ (n_ij/n) ln(n·n_ij/(a_i·b_j)).</para>
/// <para>Each score takes either two label spans (any integer type, float, double, char or
/// string; the two may differ in type) or a <see cref="ContingencyTable"/> already built.
/// Building the table is the only step that reads the labels; to get several scores of the
/// same pair, build it once or call <see cref="Compare{TTrue, TPred}(ReadOnlySpan{TTrue},
/// ReadOnlySpan{TPred}, AverageMethod, double)"/>.</para>
/// <para>Symmetric scores (MI, NMI, AMI, ARI, Rand, FMI, VI, V with β = 1) return the same
/// double when the labelings are swapped: sums are order-independent.</para>
/// <para>Span overloads throw <see cref="ArgumentException"/> when the spans differ in length
/// or a label is null.</para>
/// </remarks>
public static class ClusterMetrics
{
    /// <summary>numpy's float64 eps, 2^−52: AMI's smallest denominator, as scikit-learn.</summary>
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>Mutual information I(U; V) = Σ_ij (n_ij/n) ln(n·n_ij/(a_i·b_j)), in nats.</summary>
    /// <remarks>0 for empty input (scikit-learn 1.2.1 raises there). Never negative, never above
    /// min(H(U), H(V)); exactly 0 when either labeling is constant.</remarks>
    public static double MutualInfoScore<TTrue, TPred>(ReadOnlySpan<TTrue> labelsTrue, ReadOnlySpan<TPred> labelsPred)
        where TTrue : notnull
        where TPred : notnull =>
        MutualInfoScore(ContingencyTable.Create(labelsTrue, labelsPred));

    /// <inheritdoc cref="MutualInfoScore{TTrue, TPred}(ReadOnlySpan{TTrue}, ReadOnlySpan{TPred})"/>
    public static double MutualInfoScore(ContingencyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Information.MutualInfo;
    }

    /// <summary>Normalized mutual information, I(U; V) / mean(H(U), H(V)), where the mean is
    /// chosen by <paramref name="averageMethod"/> (arithmetic by default, as scikit-learn).</summary>
    /// <remarks>In [0, 1]. 1 when both labelings describe the same partition, including when
    /// both are constant and for empty input; otherwise 0 when I = 0.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">Unknown average method.</exception>
    public static double NormalizedMutualInfoScore<TTrue, TPred>(ReadOnlySpan<TTrue> labelsTrue,
        ReadOnlySpan<TPred> labelsPred, AverageMethod averageMethod = AverageMethod.Arithmetic)
        where TTrue : notnull
        where TPred : notnull =>
        NormalizedMutualInfoScore(ContingencyTable.Create(labelsTrue, labelsPred), averageMethod);

    /// <inheritdoc
    /// cref="NormalizedMutualInfoScore{TTrue, TPred}(ReadOnlySpan{TTrue}, ReadOnlySpan{TPred}, AverageMethod)"/>
    public static double NormalizedMutualInfoScore(ContingencyTable table,
        AverageMethod averageMethod = AverageMethod.Arithmetic)
    {
        ArgumentNullException.ThrowIfNull(table);
        double normalizer = Average(table, averageMethod);
        if (table.IsSamePartition) return 1.0;
        double mi = table.Information.MutualInfo;
        if (mi == 0) return 0.0;
        return Math.Clamp(mi / normalizer, 0.0, 1.0);
    }

    /// <summary>
    /// Adjusted mutual information, (I − E[I]) / (mean(H(U), H(V)) − E[I]), with E[I] the
    /// <see cref="ExpectedMutualInformation(ContingencyTable)">expected mutual information</see>
    /// under the hypergeometric model and the mean chosen by <paramref name="averageMethod"/>.
    /// </summary>
    /// <remarks>
    /// At most 1; about 0 for independent labelings, negative below chance. 1 when both
    /// labelings describe the same partition, for every average method, including every item
    /// in its own cluster on both sides (scikit-learn before 1.7 returns 0 for n = 2 or 4),
    /// both constant, and empty input. 0 when exactly one labeling is constant, and when one
    /// has every item in its own cluster and the other does not: there I = E[I] exactly
    /// (scikit-learn's 'min' returns rounding noise there). A denominator below machine
    /// epsilon in magnitude is replaced by ±epsilon, as scikit-learn does.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">Unknown average method.</exception>
    public static double AdjustedMutualInfoScore<TTrue, TPred>(ReadOnlySpan<TTrue> labelsTrue,
        ReadOnlySpan<TPred> labelsPred, AverageMethod averageMethod = AverageMethod.Arithmetic)
        where TTrue : notnull
        where TPred : notnull =>
        AdjustedMutualInfoScore(ContingencyTable.Create(labelsTrue, labelsPred), averageMethod);

    /// <inheritdoc
    /// cref="AdjustedMutualInfoScore{TTrue, TPred}(ReadOnlySpan{TTrue}, ReadOnlySpan{TPred}, AverageMethod)"/>
    public static double AdjustedMutualInfoScore(ContingencyTable table,
        AverageMethod averageMethod = AverageMethod.Arithmetic)
    {
        ArgumentNullException.ThrowIfNull(table);
        double normalizer = Average(table, averageMethod);
        if (table.IsSamePartition) return 1.0;
        if (table.RowCount == 1 || table.ColumnCount == 1) return 0.0;
        if (table.RowCount == table.SampleCount || table.ColumnCount == table.SampleCount) return 0.0;

        double mi = table.Information.MutualInfo;
        double emi = table.ExpectedMutualInfo;
        double denominator = normalizer - emi;
        denominator = denominator < 0
            ? Math.Min(denominator, -MachineEpsilon)
            : Math.Max(denominator, MachineEpsilon);
        return (mi - emi) / denominator;
    }

    /// <summary>
    /// The expected mutual information E[I(U; V)] of two labelings drawn uniformly at random
    /// with the table's class and cluster sizes (the hypergeometric model), in nats:
    /// Σ_i Σ_j Σ_k P(k; n, a_i, b_j)·(k/n)·ln(n·k/(a_i·b_j)), k over the hypergeometric support.
    /// </summary>
    /// <remarks>Exact up to rounding (no approximation of the distribution): about 1e-15
    /// relative, where scikit-learn's log-gamma form loses about 1e-9 at n = 10^6. 0 when either
    /// labeling is constant or the table is empty.</remarks>
    public static double ExpectedMutualInformation(ContingencyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.ExpectedMutualInfo;
    }

    /// <summary>
    /// Adjusted Rand index over unordered pairs: (RI − E[RI]) / (max RI − E[RI]), computed from
    /// the <see cref="PairConfusionMatrix(ContingencyTable)">pair confusion matrix</see> as
    /// 2(C11·C00 − C10·C01) / ((C11 + C10)(C10 + C00) + (C11 + C01)(C01 + C00)).
    /// </summary>
    /// <remarks>In [−0.5, 1]. 1 when no pair is discordant (C10 = C01 = 0): identical
    /// partitions, n &lt; 2, empty input. Exact integer arithmetic: no overflow at any n, one
    /// rounding at the end.</remarks>
    public static double AdjustedRandScore<TTrue, TPred>(ReadOnlySpan<TTrue> labelsTrue, ReadOnlySpan<TPred> labelsPred)
        where TTrue : notnull
        where TPred : notnull =>
        AdjustedRandScore(ContingencyTable.Create(labelsTrue, labelsPred));

    /// <inheritdoc cref="AdjustedRandScore{TTrue, TPred}(ReadOnlySpan{TTrue}, ReadOnlySpan{TPred})"/>
    public static double AdjustedRandScore(ContingencyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Pairs.AdjustedRand();
    }

    /// <summary>Rand index, the share of item pairs on which both labelings agree (together in
    /// both or apart in both): (C11 + C00) / (n(n − 1)).</summary>
    /// <remarks>In [0, 1]; 1 when there are fewer than two items. Exact integer arithmetic.</remarks>
    public static double RandScore<TTrue, TPred>(ReadOnlySpan<TTrue> labelsTrue, ReadOnlySpan<TPred> labelsPred)
        where TTrue : notnull
        where TPred : notnull =>
        RandScore(ContingencyTable.Create(labelsTrue, labelsPred));

    /// <inheritdoc cref="RandScore{TTrue, TPred}(ReadOnlySpan{TTrue}, ReadOnlySpan{TPred})"/>
    public static double RandScore(ContingencyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Pairs.Rand();
    }

    /// <summary>Homogeneity, I(U; V) / H(U): 1 when each cluster holds members of one class only.</summary>
    /// <remarks>In [0, 1]; 1 when H(U) = 0 (one class, or empty input).</remarks>
    public static double HomogeneityScore<TTrue, TPred>(ReadOnlySpan<TTrue> labelsTrue, ReadOnlySpan<TPred> labelsPred)
        where TTrue : notnull
        where TPred : notnull =>
        HomogeneityScore(ContingencyTable.Create(labelsTrue, labelsPred));

    /// <inheritdoc cref="HomogeneityScore{TTrue, TPred}(ReadOnlySpan{TTrue}, ReadOnlySpan{TPred})"/>
    public static double HomogeneityScore(ContingencyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Share(table.Information.MutualInfo, table.Information.EntropyTrue);
    }

    /// <summary>Completeness, I(U; V) / H(V): 1 when all members of each class share one cluster.</summary>
    /// <remarks>In [0, 1]; 1 when H(V) = 0 (one cluster, or empty input).</remarks>
    public static double CompletenessScore<TTrue, TPred>(ReadOnlySpan<TTrue> labelsTrue, ReadOnlySpan<TPred> labelsPred)
        where TTrue : notnull
        where TPred : notnull =>
        CompletenessScore(ContingencyTable.Create(labelsTrue, labelsPred));

    /// <inheritdoc cref="CompletenessScore{TTrue, TPred}(ReadOnlySpan{TTrue}, ReadOnlySpan{TPred})"/>
    public static double CompletenessScore(ContingencyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Share(table.Information.MutualInfo, table.Information.EntropyPred);
    }

    /// <summary>V-measure, (1 + β)·h·c / (β·h + c) with h the homogeneity and c the
    /// completeness; β = 1 is their harmonic mean (and NMI with the arithmetic mean).</summary>
    /// <remarks>0 when h = c = 0, and when β·h + c = 0 (β = 0 with c = 0, where scikit-learn
    /// returns NaN); 1 for empty input.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="beta"/> is negative, NaN or infinite.</exception>
    public static double VMeasureScore<TTrue, TPred>(ReadOnlySpan<TTrue> labelsTrue, ReadOnlySpan<TPred> labelsPred,
        double beta = 1.0)
        where TTrue : notnull
        where TPred : notnull =>
        VMeasureScore(ContingencyTable.Create(labelsTrue, labelsPred), beta);

    /// <inheritdoc cref="VMeasureScore{TTrue, TPred}(ReadOnlySpan{TTrue}, ReadOnlySpan{TPred}, double)"/>
    public static double VMeasureScore(ContingencyTable table, double beta = 1.0)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!double.IsFinite(beta) || beta < 0) ThrowHelper.InvalidBeta(beta);
        double h = HomogeneityScore(table);
        double c = CompletenessScore(table);
        double denominator = beta * h + c;
        if (h + c == 0 || denominator == 0) return 0.0;
        return (1 + beta) * h * c / denominator;
    }

    /// <summary>Fowlkes–Mallows index, the geometric mean of pairwise precision and recall:
    /// C11 / sqrt((C11 + C10)(C11 + C01)) over the pair confusion matrix.</summary>
    /// <remarks>In [0, 1]; 0 when no pair is together in both labelings (including n &lt; 2 and
    /// empty input), as scikit-learn.</remarks>
    public static double FowlkesMallowsScore<TTrue, TPred>(ReadOnlySpan<TTrue> labelsTrue,
        ReadOnlySpan<TPred> labelsPred)
        where TTrue : notnull
        where TPred : notnull =>
        FowlkesMallowsScore(ContingencyTable.Create(labelsTrue, labelsPred));

    /// <inheritdoc cref="FowlkesMallowsScore{TTrue, TPred}(ReadOnlySpan{TTrue}, ReadOnlySpan{TPred})"/>
    public static double FowlkesMallowsScore(ContingencyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Pairs.FowlkesMallows();
    }

    /// <summary>Variation of information, H(U) + H(V) − 2·I(U; V), in nats: a metric on
    /// partitions (Meilă 2003).</summary>
    /// <remarks>Never negative; exactly 0 for the same partition and for empty input.</remarks>
    public static double VariationOfInformation<TTrue, TPred>(ReadOnlySpan<TTrue> labelsTrue,
        ReadOnlySpan<TPred> labelsPred)
        where TTrue : notnull
        where TPred : notnull =>
        VariationOfInformation(ContingencyTable.Create(labelsTrue, labelsPred));

    /// <inheritdoc cref="VariationOfInformation{TTrue, TPred}(ReadOnlySpan{TTrue}, ReadOnlySpan{TPred})"/>
    public static double VariationOfInformation(ContingencyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Information.VariationOfInformation;
    }

    /// <summary>scikit-learn's pair confusion matrix over the n(n − 1) ordered pairs; see
    /// <see cref="PairConfusion"/>.</summary>
    public static PairConfusion PairConfusionMatrix<TTrue, TPred>(ReadOnlySpan<TTrue> labelsTrue,
        ReadOnlySpan<TPred> labelsPred)
        where TTrue : notnull
        where TPred : notnull =>
        PairConfusionMatrix(ContingencyTable.Create(labelsTrue, labelsPred));

    /// <inheritdoc cref="PairConfusionMatrix{TTrue, TPred}(ReadOnlySpan{TTrue}, ReadOnlySpan{TPred})"/>
    public static PairConfusion PairConfusionMatrix(ContingencyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        Metrics.PairCounts pairs = table.Pairs;
        return new PairConfusion(pairs.ApartInBoth, pairs.TogetherInPredOnly, pairs.TogetherInTrueOnly,
            pairs.TogetherInBoth);
    }

    /// <summary>Entropy of one labeling, H = −Σ (a_i/n) ln(a_i/n), in nats.</summary>
    /// <remarks>0 for a constant labeling and for empty input (scikit-learn returns 1.0 for
    /// empty input, which is not an entropy).</remarks>
    /// <exception cref="ArgumentException">A label is null.</exception>
    public static double Entropy<T>(ReadOnlySpan<T> labels)
        where T : notnull =>
        EntropyOfCodes(labels);

    private static double EntropyOfCodes<T>(ReadOnlySpan<T> labels)
        where T : notnull
    {
        // Remap once, count each code, then n ln n − Σ a ln a as every table does.
        var codes = new int[labels.Length];
        int distinct = Contingency.LabelEncoder.Encode(labels, codes, nameof(labels)).Count;
        var sizes = new long[distinct];
        foreach (int code in codes) sizes[code]++;
        return Metrics.InformationSums.Entropy(sizes, labels.Length);
    }

    /// <summary>Every score above from one table: one pass over the labels.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Unknown average method, or a negative,
    /// NaN or infinite <paramref name="beta"/>.</exception>
    public static ClusterScores Compare<TTrue, TPred>(ReadOnlySpan<TTrue> labelsTrue, ReadOnlySpan<TPred> labelsPred,
        AverageMethod averageMethod = AverageMethod.Arithmetic, double beta = 1.0)
        where TTrue : notnull
        where TPred : notnull =>
        Compare(ContingencyTable.Create(labelsTrue, labelsPred), averageMethod, beta);

    /// <inheritdoc cref="Compare{TTrue, TPred}(ReadOnlySpan{TTrue}, ReadOnlySpan{TPred}, AverageMethod, double)"/>
    public static ClusterScores Compare(ContingencyTable table, AverageMethod averageMethod = AverageMethod.Arithmetic,
        double beta = 1.0)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new ClusterScores(table, averageMethod, beta);
    }

    /// <summary>The generalized mean of H(U) and H(V); validates the method first.</summary>
    private static double Average(ContingencyTable table, AverageMethod method)
    {
        double u = table.Information.EntropyTrue, v = table.Information.EntropyPred;
        return method switch
        {
            AverageMethod.Min => Math.Min(u, v),
            AverageMethod.Geometric => Math.Sqrt(u * v),
            AverageMethod.Arithmetic => (u + v) / 2,
            AverageMethod.Max => Math.Max(u, v),
            _ => Invalid(method),
        };

        static double Invalid(AverageMethod method)
        {
            ThrowHelper.InvalidAverageMethod(method);
            return 0;
        }
    }

    private static double Share(double mi, double entropy) => entropy == 0 ? 1.0 : Math.Min(1.0, mi / entropy);
}
