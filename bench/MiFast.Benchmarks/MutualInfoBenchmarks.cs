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
    public double DictionaryLoop()
    {
        var cells = new Dictionary<(int, int), long>();
        var rows = new Dictionary<int, long>();
        var columns = new Dictionary<int, long>();
        for (int i = 0; i < _true.Length; i++)
        {
            cells[(_true[i], _pred[i])] = cells.GetValueOrDefault((_true[i], _pred[i])) + 1;
            rows[_true[i]] = rows.GetValueOrDefault(_true[i]) + 1;
            columns[_pred[i]] = columns.GetValueOrDefault(_pred[i]) + 1;
        }

        double n = _true.Length, mi = 0;
        foreach (((int t, int p), long count) in cells)
        {
            mi += count / n * Math.Log(n * count / ((double)rows[t] * columns[p]));
        }

        return Math.Max(0, mi);
    }

    [Benchmark]
    public double MiFastMutualInfo() => ClusterMetrics.MutualInfoScore<int, int>(_true, _pred);
}
