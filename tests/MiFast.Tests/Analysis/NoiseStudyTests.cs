using MiFast.Analysis;

namespace MiFast.Tests.Analysis;

/// <summary>The label-noise study: its reference rows, its end points and its determinism.</summary>
public class NoiseStudyTests
{
    private static readonly string[] Truth =
        [.. Enumerable.Range(0, 300).Select(i => i % 7 == 0 ? "rare" : i % 3 == 0 ? "b" : "a")];

    [Fact]
    public void ReferenceRowsHold()
    {
        NoiseStudyResult r = NoiseStudy.Run<string>(Truth, new NoiseStudyOptions { Repeats = 5 });
        double h = ClusterMetrics.Entropy<string>(Truth);
        Assert.Equal(h, r.EntropyTrue);
        Assert.Equal(Math.Log(3), r.LogClassCount);

        NoiseStudyRow permuted = r.References.Single(x => x.Name == "permuted copy");
        Assert.Equal(new Summary(h, 0), permuted.MutualInfo);  // MI = H exactly, every repeat
        Assert.Equal(new Summary(1, 0), permuted.NormalizedMutualInfo);
        Assert.Equal(new Summary(1, 0), permuted.AdjustedMutualInfo);

        NoiseStudyRow random = r.References.Single(x => x.Name == "independent random");
        Assert.InRange(random.MutualInfo.Mean, 0, 0.05 * h);
        Assert.InRange(Math.Abs(random.AdjustedMutualInfo.Mean), 0, 0.05);

        NoiseStudyRow own = r.References.Single(x => x.Name == "all singletons");
        Assert.Equal(h, own.MutualInfo.Mean);  // MI as high as it gets ...
        Assert.InRange(own.NormalizedMutualInfo.Mean, 0, 0.3);  // ... NMI low ...
        Assert.Equal(0.0, own.AdjustedMutualInfo.Mean);  // ... and AMI 0
    }

    [Fact]
    public void CurveRunsFromTheTruthToIndependence()
    {
        NoiseStudyResult r = NoiseStudy.Run<string>(Truth, new NoiseStudyOptions { Repeats = 4 });
        Assert.Equal(11, r.Curve.Count);
        Assert.Equal(new Summary(r.EntropyTrue, 0), r.Curve[0].MutualInfo);
        Assert.Equal(new Summary(1, 0), r.Curve[0].AdjustedMutualInfo);
        Assert.InRange(r.Curve[^1].AdjustedMutualInfo.Mean, -0.05, 0.05);
        for (int k = 1; k < r.Curve.Count; k++)
        {
            Assert.True(r.Curve[k].MutualInfo.Mean < r.Curve[k - 1].MutualInfo.Mean + 0.02,
                $"p = {r.Curve[k].Probability}");
        }

        Assert.True(r.Curve[5].MutualInfo.StandardDeviation > 0);
    }

    [Fact]
    public void SameSeedSameNumbersWhateverTheThreads()
    {
        var one = NoiseStudy.Run<string>(Truth, new NoiseStudyOptions { Repeats = 6, MaxDegreeOfParallelism = 1 });
        var many = NoiseStudy.Run<string>(Truth, new NoiseStudyOptions { Repeats = 6, MaxDegreeOfParallelism = 4 });
        Assert.Equal(one.Curve, many.Curve);
        Assert.Equal(one.References, many.References);
        var other = NoiseStudy.Run<string>(Truth, new NoiseStudyOptions { Repeats = 6, Seed = 7 });
        Assert.NotEqual(one.Curve[5].MutualInfo, other.Curve[5].MutualInfo);
    }

    [Fact]
    public void BitsAreNatsOverLnTwo()
    {
        var nats = NoiseStudy.Run<string>(Truth, new NoiseStudyOptions { Repeats = 2 });
        var bits = NoiseStudy.Run<string>(Truth, new NoiseStudyOptions { Repeats = 2, LogBase = LogBase.Two });
        Assert.Equal(nats.EntropyTrue / Math.Log(2), bits.EntropyTrue, 15);
        Assert.Equal(Math.Log2(3), bits.LogClassCount, 15);
        Assert.Equal(nats.Curve[3].NormalizedMutualInfo, bits.Curve[3].NormalizedMutualInfo);
    }

    [Fact]
    public void BadOptionsAreErrors()
    {
        Assert.Throws<ArgumentException>(() => NoiseStudy.Run<string>(Truth, new NoiseStudyOptions { Repeats = 0 }));
        Assert.Throws<ArgumentException>(() => NoiseStudy.Run<string>(Truth,
            new NoiseStudyOptions { Probabilities = [0.5, 1.5] }));
    }
}
