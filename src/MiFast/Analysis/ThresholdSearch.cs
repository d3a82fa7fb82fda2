namespace MiFast.Analysis;

/// <summary>The confusion counts of a binary decision.</summary>
/// <param name="TruePositives">Positives predicted positive.</param>
/// <param name="FalsePositives">Negatives predicted positive.</param>
/// <param name="TrueNegatives">Negatives predicted negative.</param>
/// <param name="FalseNegatives">Positives predicted negative.</param>
public readonly record struct BinaryConfusion(long TruePositives, long FalsePositives, long TrueNegatives,
    long FalseNegatives)
{
    /// <summary>n, the number of items.</summary>
    public long Total => TruePositives + FalsePositives + TrueNegatives + FalseNegatives;

    /// <summary>(TP + TN) / n; 0 when n = 0.</summary>
    public double Accuracy => Total == 0 ? 0 : (double)(TruePositives + TrueNegatives) / Total;

    /// <summary>The mutual information (nats) between the true labels and the predictions: the
    /// MI of the 2 × 2 table [[TN, FP], [FN, TP]].</summary>
    /// <remarks>0 when n = 0 or either side is constant. Each cell's term is
    /// n_ij·log1p((n·n_ij − a_i·b_j) / (a_i·b_j)) with the difference exact in 128 bits, and the
    /// four terms are added in a fixed order, so equal counts always give the same double.</remarks>
    public double MutualInfo
    {
        get
        {
            long n = Total;
            long positives = TruePositives + FalseNegatives, negatives = n - positives;
            long predictedPositive = TruePositives + FalsePositives, predictedNegative = n - predictedPositive;
            if (n == 0 || positives == 0 || negatives == 0 || predictedPositive == 0 || predictedNegative == 0)
            {
                return 0;
            }

            double sum = Term(TrueNegatives, negatives, predictedNegative, n)
                + Term(FalsePositives, negatives, predictedPositive, n)
                + Term(FalseNegatives, positives, predictedNegative, n)
                + Term(TruePositives, positives, predictedPositive, n);
            return Math.Max(0, sum / n);
        }
    }

    private static double Term(long c, long a, long b, long n)
    {
        if (c == 0) return 0;
        Int128 difference = (Int128)n * c - (Int128)a * b;
        return c * Metrics.InformationSums.Log1P((double)difference / ((double)a * b));
    }
}

/// <summary>A threshold and what it does: predict positive when score &gt; threshold.</summary>
/// <param name="Threshold">t.</param>
/// <param name="MutualInfo">I(labels; score &gt; t), in nats.</param>
/// <param name="Accuracy">The fraction of items predicted right.</param>
/// <param name="Confusion">The confusion counts.</param>
public readonly record struct ThresholdEvaluation(double Threshold, double MutualInfo, double Accuracy,
    BinaryConfusion Confusion);

/// <summary>One point of the threshold sweep: a cut point between two adjacent distinct scores.</summary>
/// <param name="Threshold">The cut point t.</param>
/// <param name="MutualInfo">I(labels; score &gt; t), in nats.</param>
/// <param name="Accuracy">The fraction of items predicted right.</param>
public readonly record struct ThresholdPoint(double Threshold, double MutualInfo, double Accuracy);

/// <summary>The MI-optimal threshold and the full sweep.</summary>
/// <param name="Best">The best cut point: highest MI, the smallest threshold among equals.</param>
/// <param name="Curve">Every cut point in increasing order of threshold.</param>
public sealed record ThresholdSearchResult(ThresholdEvaluation Best, IReadOnlyList<ThresholdPoint> Curve);

/// <summary>
/// The decision threshold that maximizes the mutual information between true binary labels
/// and the predictions <c>score &gt; t</c>, searched exactly over every distinct cut point.
/// </summary>
/// <remarks>
/// <para>Sort the scores once (O(n log n)); let v_0 &lt; v_1 &lt; … &lt; v_(d−1) be the distinct
/// values. The cut points are t_k = v_k/2 + v_(k+1)/2 for k = 0 … d − 2, formed so that it
/// cannot overflow (scores near ±double.MaxValue keep a finite midpoint); t_k predicts
/// negative every item with score ≤ v_k and positive every other. Tied scores are never split,
/// so the result does not depend on the order of the rows. A sweep over the sorted scores
/// keeps running confusion counts, so each cut point costs O(1).</para>
/// <para>Where rounding puts a/2 + b/2 outside [a, b) (adjacent doubles, or b = +∞, or
/// a = −∞ with b = +∞) the cut point is a itself, which makes the same split. Infinite scores
/// are valid; NaN is not.</para>
/// <para>Of cut points with the same MI (the same double) the smallest threshold wins. With
/// fewer than two distinct scores there is no cut point: the curve is empty and the best is
/// the trivial split t = the score itself (everything negative), MI 0.</para>
/// </remarks>
public static class ThresholdSearch
{
    /// <summary>Finds the MI-optimal threshold.</summary>
    /// <param name="scores">One score per item; ±∞ allowed.</param>
    /// <param name="labels">One true label per item: true for positive.</param>
    /// <exception cref="ArgumentException">The spans differ in length, are empty, or a score is NaN.</exception>
    public static ThresholdSearchResult Find(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        Validate(scores, labels);
        int n = scores.Length;

        // Sort scores with their labels; -0.0 and 0.0 compare equal and are one value.
        double[] sorted = scores.ToArray();
        bool[] sortedLabels = labels.ToArray();
        Array.Sort(sorted, sortedLabels);
        long positives = 0;
        foreach (bool label in sortedLabels) positives += label ? 1 : 0;
        long negatives = n - positives;

        // Sweep: after group k, every item with score <= v_k is predicted negative.
        var curve = new List<ThresholdPoint>();
        ThresholdEvaluation? best = null;
        long falseNegatives = 0, trueNegatives = 0;
        int i = 0;
        while (i < n)
        {
            double value = sorted[i];
            while (i < n && sorted[i] == value)
            {
                if (sortedLabels[i]) falseNegatives++;
                else trueNegatives++;
                i++;
            }

            if (i == n) break;
            double threshold = Midpoint(value, sorted[i]);
            var confusion = new BinaryConfusion(positives - falseNegatives, negatives - trueNegatives,
                trueNegatives, falseNegatives);
            double mi = confusion.MutualInfo, accuracy = confusion.Accuracy;
            curve.Add(new ThresholdPoint(threshold, mi, accuracy));
            if (best is null || mi > best.Value.MutualInfo)
            {
                best = new ThresholdEvaluation(threshold, mi, accuracy, confusion);
            }
        }

        best ??= Evaluate(scores, labels, sorted[0]);
        return new ThresholdSearchResult(best.Value, curve);
    }

    /// <summary>The cut point between adjacent distinct scores a &lt; b: a/2 + b/2, or a where
    /// rounding leaves that outside [a, b).</summary>
    public static double Midpoint(double a, double b)
    {
        double t = (a / 2) + (b / 2);
        return t >= a && t < b ? t : a;
    }

    /// <summary>The predictions <c>score &gt; threshold</c> against the labels.</summary>
    /// <param name="scores">One score per item; ±∞ allowed.</param>
    /// <param name="labels">One true label per item: true for positive.</param>
    /// <param name="threshold">t; ±∞ allowed.</param>
    /// <exception cref="ArgumentException">The spans differ in length, are empty, a score is NaN,
    /// or the threshold is NaN.</exception>
    public static ThresholdEvaluation Evaluate(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels,
        double threshold)
    {
        Validate(scores, labels);
        if (double.IsNaN(threshold)) throw new ArgumentException("The threshold is NaN.", nameof(threshold));
        long tp = 0, fp = 0, tn = 0, fn = 0;
        for (int k = 0; k < scores.Length; k++)
        {
            bool predicted = scores[k] > threshold;
            if (labels[k]) { if (predicted) tp++; else fn++; }
            else if (predicted) fp++;
            else tn++;
        }

        var confusion = new BinaryConfusion(tp, fp, tn, fn);
        return new ThresholdEvaluation(threshold, confusion.MutualInfo, confusion.Accuracy, confusion);
    }

    private static void Validate(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        if (scores.Length != labels.Length)
        {
            throw new ArgumentException(FormattableString.Invariant(
                $"scores has {scores.Length} items but labels has {labels.Length}; one label per score."));
        }

        if (scores.Length == 0) throw new ArgumentException("No scores: at least one item is needed.", nameof(scores));
        for (int k = 0; k < scores.Length; k++)
        {
            if (double.IsNaN(scores[k]))
            {
                throw new ArgumentException(FormattableString.Invariant($"The score at index {k} is NaN."),
                    nameof(scores));
            }
        }
    }
}
