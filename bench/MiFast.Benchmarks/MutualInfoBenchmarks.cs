using BenchmarkDotNet.Attributes;

namespace MiFast.Benchmarks;

/// <summary>
/// MutualInfoScore against what users write today: a Dictionary of (true, pred) pairs, then
/// Σ (n_ij/n) ln(n·n_ij/(a_i·b_j)). K = 100×100 labels, and every item its own label.
/// </summary>
[MemoryDiagnoser]
public class MutualInfoBenchmarks
{
    private int[] _true = [];
    private int[] _pred = [];

    [Params(10_000, 1_000_000, 10_000_000)]
    public int N { get; set; }

    [Params("100x100", "all-unique")]
    public string Labels { get; set; } = "100x100";

    [GlobalSetup]
    public void Setup()
    {
        (_true, _pred) = Labels == "all-unique" ? Labelings.Generate(N, 0, 0) : Labelings.Generate(N, 100, 100);

        // Agreement check before timing.
        double naive = DictionaryLoop(), fast = MiFastMutualInfo();
        if (Math.Abs(naive - fast) > 1e-9 * Math.Max(1, naive))
        {
            throw new InvalidOperationException($"MutualInfoScore disagrees: naive {naive:R}, MiFast {fast:R}");
        }
    }

    [Benchmark(Baseline = true)]
    public double DictionaryLoop() => DictionaryMutualInfo(_true, _pred);

    /// <summary>What users write today: Dictionary counting, then the MI sum.</summary>
    public static double DictionaryMutualInfo(int[] labelsTrue, int[] labelsPred)
    {
        var cells = new Dictionary<(int, int), long>();
        var rows = new Dictionary<int, long>();
        var columns = new Dictionary<int, long>();
        for (int i = 0; i < labelsTrue.Length; i++)
        {
            cells[(labelsTrue[i], labelsPred[i])] = cells.GetValueOrDefault((labelsTrue[i], labelsPred[i])) + 1;
            rows[labelsTrue[i]] = rows.GetValueOrDefault(labelsTrue[i]) + 1;
            columns[labelsPred[i]] = columns.GetValueOrDefault(labelsPred[i]) + 1;
        }

        double n = labelsTrue.Length, mi = 0;
        foreach (((int t, int p), long count) in cells)
        {
            mi += count / n * Math.Log(n * count / ((double)rows[t] * columns[p]));
        }

        return Math.Max(0, mi);
    }

    [Benchmark]
    public double MiFastMutualInfo() => ClusterMetrics.MutualInfoScore<int, int>(_true, _pred);

    [Benchmark]
    public double MiFastCompare() => ClusterMetrics.Compare<int, int>(_true, _pred).AdjustedMutualInfo;

    [Benchmark]
    public double MemoryProbe() => Probes.MemoryProbe(_true, _pred);
}
