using System.Text.Json;
using MiFast.Analysis;
using MiFast.Tests.Golden;

namespace MiFast.Tests.Analysis;

/// <summary>The MI-optimal threshold: reference cases, edge cases and errors.</summary>
public class ThresholdSearchTests
{
    public static TheoryData<string> CaseIds()
    {
        var data = new TheoryData<string>();
        foreach (JsonElement c in ThresholdCases()) data.Add(c.GetProperty("id").GetString()!);
        return data;
    }

    private static IEnumerable<JsonElement> ThresholdCases()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(ReferenceCase.DataPath("reference",
            "cases.json")));
        return [.. document.RootElement.GetProperty("threshold_cases").EnumerateArray().Select(c => c.Clone())];
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void MatchesReferenceCase(string id)
    {
        JsonElement c = ThresholdCases().Single(c => c.GetProperty("id").GetString() == id);
        double[] scores = [.. c.GetProperty("scores").EnumerateArray().Select(s => s.GetDouble())];
        bool[] labels = [.. c.GetProperty("labels").EnumerateArray().Select(s => s.GetInt32() == 1)];
        double tolerance = c.GetProperty("tolerance").GetProperty("default").GetDouble();
        JsonElement expected = c.GetProperty("expected");

        ThresholdSearchResult result = ThresholdSearch.Find(scores, labels);

        Close(expected.GetProperty("threshold").GetDouble(), result.Best.Threshold, tolerance);
        Close(expected.GetProperty("mutual_info_score").GetDouble(), result.Best.MutualInfo, tolerance);
        Assert.True(double.IsFinite(result.Best.Threshold));

        // The MI of the split equals the engine's MI of labels against predictions.
        int[] predicted = [.. scores.Select(s => s > result.Best.Threshold ? 1 : 0)];
        Close(ClusterMetrics.MutualInfoScore<bool, int>(labels, predicted), result.Best.MutualInfo, 1e-15);
    }

    private static void Close(double expected, double actual, double tolerance)
    {
        double error = Math.Abs(actual - expected);
        Assert.True(error <= tolerance || error <= tolerance * Math.Abs(expected),
            $"{actual:R}, expected {expected:R}");
    }

    [Fact]
    public void HugeScoresKeepAFiniteMidpoint()
    {
        double[] scores = [-double.MaxValue, double.MaxValue];
        ThresholdSearchResult result = ThresholdSearch.Find(scores, [false, true]);
        Assert.Equal(0.0, result.Best.Threshold);
        Assert.Equal(Math.Log(2), result.Best.MutualInfo, 15);
        Assert.Equal(1.0, result.Best.Accuracy);

        result = ThresholdSearch.Find([double.MaxValue, double.MaxValue * 0.75], [true, false]);
        Assert.Equal(double.MaxValue * 0.875, result.Best.Threshold);
    }

    [Fact]
    public void InfiniteScoresAreValidAndSplitRight()
    {
        double[] scores = [double.NegativeInfinity, 1, double.PositiveInfinity];
        ThresholdSearchResult result = ThresholdSearch.Find(scores, [false, false, true]);
        Assert.Equal(2, result.Curve.Count);
        Assert.Equal(double.NegativeInfinity, result.Curve[0].Threshold);
        Assert.Equal(1.0, result.Curve[1].Threshold);  // 1/2 + inf/2 = inf: the cut point is a
        Assert.Equal(1.0, result.Best.Threshold);
        Assert.Equal(new BinaryConfusion(1, 0, 2, 0), result.Best.Confusion);

        result = ThresholdSearch.Find([double.NegativeInfinity, double.PositiveInfinity], [false, true]);
        Assert.Equal(double.NegativeInfinity, result.Best.Threshold);  // -inf/2 + inf/2 is NaN
        Assert.Equal(1.0, result.Best.Accuracy);
    }

    [Fact]
    public void AdjacentDoublesAreSplitAtTheLowerOne()
    {
        double a = 1.0, b = Math.BitIncrement(1.0);
        Assert.Equal(a, ThresholdSearch.Midpoint(a, b));
        Assert.Equal(0.0, ThresholdSearch.Midpoint(0.0, double.Epsilon));
        ThresholdSearchResult result = ThresholdSearch.Find([b, a], [true, false]);
        Assert.Equal(1.0, result.Best.Accuracy);
    }

    [Fact]
    public void TiesAreNeverSplitAndRowOrderDoesNotMatter()
    {
        double[] scores = [0.3, 0.3, 0.7, 0.7, 0.7, 0.1];
        bool[] labels = [true, false, true, true, false, false];
        ThresholdSearchResult a = ThresholdSearch.Find(scores, labels);
        ThresholdSearchResult b = ThresholdSearch.Find([.. scores.Reverse()], [.. labels.Reverse()]);
        Assert.Equal([0.2, 0.5], a.Curve.Select(p => p.Threshold));
        Assert.Equal(a.Curve, b.Curve);
        Assert.Equal(a.Best, b.Best);
    }

    [Fact]
    public void ConstantScoresHaveNoCutPoint()
    {
        ThresholdSearchResult result = ThresholdSearch.Find([2.5, 2.5, 2.5], [true, false, true]);
        Assert.Empty(result.Curve);
        Assert.Equal(2.5, result.Best.Threshold);
        Assert.Equal(0.0, result.Best.MutualInfo);
        Assert.Equal(new BinaryConfusion(0, 0, 1, 2), result.Best.Confusion);
    }

    [Fact]
    public void NaNScoresAndBadShapesAreErrors()
    {
        Assert.Throws<ArgumentException>(() => ThresholdSearch.Find([1, double.NaN], [true, false]));
        Assert.Throws<ArgumentException>(() => ThresholdSearch.Find([1, 2], [true]));
        Assert.Throws<ArgumentException>(() => ThresholdSearch.Find([], []));
        Assert.Throws<ArgumentException>(() => ThresholdSearch.Evaluate([1.0], [true], double.NaN));
    }

    [Fact]
    public void EvaluateAtHalfCountsTheConfusion()
    {
        ThresholdEvaluation e = ThresholdSearch.Evaluate([0.2, 0.6, 0.5, 0.9], [false, false, true, true], 0.5);
        Assert.Equal(new BinaryConfusion(1, 1, 1, 1), e.Confusion);
        Assert.Equal(0.5, e.Accuracy);
        Assert.Equal(0.0, e.MutualInfo);
    }
}
