using MiFast.Examples.Threshold;

namespace MiFast.Tests.Analysis;

/// <summary>The example program (src/MiFast.Examples.Threshold): MI-optimal against 0.5.</summary>
public class ThresholdExampleTests
{
    [Fact]
    public void OptimalThresholdBeatsHalfOnValidationMutualInfo()
    {
        ExampleResult r = ThresholdExample.Run();
        Assert.True(r.ValidationOptimal.MutualInfo >= r.ValidationHalf.MutualInfo,
            $"optimal {r.ValidationOptimal.MutualInfo:R} < 0.5's {r.ValidationHalf.MutualInfo:R}");
        Assert.InRange(r.PositiveRate, 0.07, 0.13);  // imbalanced as generated
        Assert.Equal(0.5, r.ValidationHalf.Threshold);
        Assert.Equal(r.Optimal, r.TestOptimal.Threshold);

        // The threshold picked on validation also carries more information on the held-out test split
        // (a fixed seed: this is the example's point, not a law).
        Assert.True(r.TestOptimal.MutualInfo > r.TestHalf.MutualInfo);
        Assert.True(r.TestHalf.Accuracy > r.TestOptimal.Accuracy);  // ... at some cost in accuracy
    }

    [Fact]
    public void ReadmeShowsTheProgramsTable()
    {
        DirectoryInfo? root = new(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "MiFast.sln"))) root = root.Parent;
        string readme = File.ReadAllText(Path.Combine(root!.FullName, "README.md"));
        string[] lines = ThresholdExample.Describe(ThresholdExample.Run()).Split('\n');
        foreach (string line in lines.SkipWhile(l => !l.StartsWith("split", StringComparison.Ordinal)))
        {
            if (line.Length > 0) Assert.Contains(line.TrimEnd('\r'), readme, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(12345)]
    public void OptimalIsAtLeastHalfForAnySeed(int seed)
    {
        ExampleResult r = ThresholdExample.Run(seed, n: 2000);
        Assert.True(r.ValidationOptimal.MutualInfo >= r.ValidationHalf.MutualInfo);
    }
}
