namespace MiFast.Tests;

/// <summary>README's example compiles and says what it prints; the README keeps these lines.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public void ExampleRunsAndMatchesScikitLearn()
    {
        int[] truth = [0, 0, 0, 1, 1, 1, 2, 2, 2];
        string[] clusters = ["a", "a", "b", "b", "b", "b", "c", "c", "c"];

        double ami = ClusterMetrics.AdjustedMutualInfoScore(truth, clusters);
        ClusterScores all = ClusterMetrics.Compare(truth, clusters);

        var table = ContingencyTable.FromCounts<string, string>(
            ["cat", "cat", "dog"], ["c1", "c2", "c2"], [120L, 3L, 98L]);

        // scikit-learn 1.2.1: 0.6917422851154034, 0.786013103263073, 0.6428571428571429.
        Assert.Equal(0.6917422851154034, ami, 1e-12);
        Assert.Equal(0.786013103263073, all.NormalizedMutualInfo, 1e-12);
        Assert.Equal(0.6428571428571429, all.AdjustedRand, 1e-12);
        string[] t = [.. Enumerable.Repeat("cat", 123), .. Enumerable.Repeat("dog", 98)];
        string[] p = [.. Enumerable.Repeat("c1", 120), .. Enumerable.Repeat("c2", 101)];
        Assert.Equal(ClusterMetrics.VariationOfInformation<string, string>(t, p),
            ClusterMetrics.VariationOfInformation(table));
    }

    [Fact]
    public void ReadmeShowsTheTestedExample()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        Assert.Contains("double ami = ClusterMetrics.AdjustedMutualInfoScore(truth, clusters);", readme,
            StringComparison.Ordinal);
        Assert.Contains("ClusterScores all = ClusterMetrics.Compare(truth, clusters);", readme,
            StringComparison.Ordinal);
        Assert.Contains("[\"cat\", \"cat\", \"dog\"], [\"c1\", \"c2\", \"c2\"], [120L, 3L, 98L]);", readme,
            StringComparison.Ordinal);
        Assert.Contains("dotnet run --project src/MiFast.Cli -c Release -- score", readme, StringComparison.Ordinal);
    }

    internal static string RepositoryRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "MiFast.sln"))) return d.FullName;
        }

        throw new DirectoryNotFoundException("MiFast.sln not found above the test binaries.");
    }
}
