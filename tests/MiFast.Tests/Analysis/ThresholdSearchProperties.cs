using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MiFast.Analysis;

namespace MiFast.Tests.Analysis;

/// <summary>Scores and binary labels drawn from a pool with ties, duplicates, huge and
/// infinite values.</summary>
public sealed record ScoredLabels(double[] Scores, bool[] Labels)
{
    private static readonly System.Globalization.CultureInfo Invariant =
        System.Globalization.CultureInfo.InvariantCulture;

    public override string ToString() =>
        $"ScoredLabels([{string.Join(", ", Scores.Select(s => s.ToString("R", Invariant)))}], "
        + $"[{string.Join(", ", Labels.Select(l => l ? 1 : 0))}])";
}

public static class ScoredLabelArbitraries
{
    private static readonly double[] Pool =
    [
        double.NegativeInfinity, -double.MaxValue, -double.MaxValue / 3, -1e308, -1, -0.0, 0.0, double.Epsilon,
        1e-300, 0.25, 0.5, 1, Math.BitIncrement(1.0), 2, 1e308, double.MaxValue / 3,
        Math.BitDecrement(double.MaxValue), double.MaxValue, double.PositiveInfinity,
    ];

    public static Arbitrary<ScoredLabels> Scored() =>
        (from n in Gen.Choose(1, 40)
         from shape in Gen.Choose(0, 3)
         from seed in Gen.Choose(0, int.MaxValue)
         select Make(n, shape, seed)).ToArbitrary();

    private static ScoredLabels Make(int n, int shape, int seed)
    {
        var random = new Random(seed);
        var scores = new double[n];
        var labels = new bool[n];
        double constant = Pool[random.Next(Pool.Length)];
        for (int i = 0; i < n; i++)
        {
            scores[i] = shape switch
            {
                0 => Pool[random.Next(Pool.Length)],               // extremes and ties
                1 => constant,                                      // constant scores
                2 => random.Next(4) / 4.0,                          // few distinct values, many ties
                _ => random.NextDouble() * 10 - 5,                  // mostly distinct
            };
            labels[i] = random.Next(3) == 0;
        }

        return new ScoredLabels(scores, labels);
    }
}

/// <summary>The sweep equals a brute-force search over every cut point, whatever the input.</summary>
[Properties(Arbitrary = [typeof(ScoredLabelArbitraries)], MaxTest = 500, Replay = "(20261204,1)")]
public class ThresholdSearchProperties
{
    [Property]
    public void EqualsBruteForceOverAllCutPoints(ScoredLabels input)
    {
        (double[] scores, bool[] labels) = (input.Scores, input.Labels);
        ThresholdSearchResult result = ThresholdSearch.Find(scores, labels);

        // Every cut point between adjacent distinct values, scored by counting from scratch.
        double[] distinct = [.. scores.Distinct().Order()];  // -0.0 and 0.0 are one value
        distinct = [.. distinct.Where((v, k) => k == 0 || v != distinct[k - 1])];
        Assert.Equal(distinct.Length - 1, result.Curve.Count);
        ThresholdEvaluation? best = null;
        for (int k = 0; k + 1 < distinct.Length; k++)
        {
            double lower = distinct[k], upper = distinct[k + 1];
            long tp = 0, fp = 0, tn = 0, fn = 0;
            for (int i = 0; i < scores.Length; i++)
            {
                bool positive = scores[i] >= upper;  // the split this cut point must make
                if (labels[i]) { if (positive) tp++; else fn++; }
                else if (positive) fp++;
                else tn++;
            }

            var confusion = new BinaryConfusion(tp, fp, tn, fn);
            double t = result.Curve[k].Threshold;
            Assert.True(t >= lower && t < upper, $"cut point {t:R} outside [{lower:R}, {upper:R})");
            if (double.IsFinite(lower) && double.IsFinite(upper)) Assert.True(double.IsFinite(t));
            ThresholdEvaluation evaluated = ThresholdSearch.Evaluate(scores, labels, t);
            Assert.Equal(confusion, evaluated.Confusion);
            Assert.Equal(evaluated.MutualInfo, result.Curve[k].MutualInfo);
            Assert.Equal(evaluated.Accuracy, result.Curve[k].Accuracy);
            if (best is null || evaluated.MutualInfo > best.Value.MutualInfo) best = evaluated;
        }

        if (best is { } b)
        {
            Assert.Equal(b, result.Best);
        }
        else
        {
            Assert.Equal(0.0, result.Best.MutualInfo);
        }
    }

    [Property]
    public void DoesNotDependOnRowOrder(ScoredLabels input, int seed)
    {
        int[] order = [.. Enumerable.Range(0, input.Scores.Length)];
        new Random(seed).Shuffle(order);
        ThresholdSearchResult a = ThresholdSearch.Find(input.Scores, input.Labels);
        ThresholdSearchResult b = ThresholdSearch.Find([.. order.Select(i => input.Scores[i])],
            [.. order.Select(i => input.Labels[i])]);
        Assert.Equal(a.Best, b.Best);
        Assert.Equal(a.Curve, b.Curve);
    }

    [Property]
    public void MutualInfoMatchesTheEngine(ScoredLabels input)
    {
        ThresholdSearchResult result = ThresholdSearch.Find(input.Scores, input.Labels);
        int[] predicted = [.. input.Scores.Select(s => s > result.Best.Threshold ? 1 : 0)];
        double engine = ClusterMetrics.MutualInfoScore<bool, int>(input.Labels, predicted);
        Assert.True(Math.Abs(engine - result.Best.MutualInfo) <= 1e-15 + 1e-14 * engine,
            $"{result.Best.MutualInfo:R} vs engine {engine:R}");
    }
}
