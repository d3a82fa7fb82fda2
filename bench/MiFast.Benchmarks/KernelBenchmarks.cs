using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace MiFast.Benchmarks;

/// <summary>
/// Each counting kernel, forced, building the table and scoring MI, against the Dictionary
/// loop as baseline; n from 10^3 to 10^8, K = 10, 100, 1000 labels a side and every item its
/// own label (K = 0). Kernels that cannot take a shape (a dense table of 10^16 cells) are skipped.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class KernelBenchmarks
{
    private int[] _true = [];
    private int[] _pred = [];

    [Params(1_000, 100_000, 10_000_000, 100_000_000)]
    public int N { get; set; }

    [Params(10, 100, 1000, 0)]
    public int K { get; set; }

    [GlobalSetup]
    public void Setup() => (_true, _pred) = Labelings.Generate(N, K, K);

    [Benchmark(Baseline = true)]
    public double DictionaryLoop() => MutualInfoBenchmarks.DictionaryMutualInfo(_true, _pred);

    [Benchmark]
    public double Auto() => Score(CountingKernel.Auto);

    [Benchmark]
    public double DenseByValue() => Score(CountingKernel.DenseByValue);

    [Benchmark]
    public double Dense() => K == 0 && N > 30_000 ? double.NaN : Score(CountingKernel.Dense);

    [Benchmark]
    public double RowBuckets() => Score(CountingKernel.RowBuckets);

    [Benchmark]
    public double SortedKeys() => Score(CountingKernel.SortedKeys);

    [Benchmark]
    public double MemoryProbe() => Probes.MemoryProbe(_true, _pred);

    private double Score(CountingKernel kernel) =>
        ClusterMetrics.MutualInfoScore(ContingencyTable.Create<int, int>(_true, _pred, kernel));

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new LabelsPerSecondColumn());
    }
}

/// <summary>Adjusted MI at growing label counts: the EMI sum dominates (n = 10^6).</summary>
[MemoryDiagnoser]
public class AdjustedMutualInfoBenchmarks
{
    private int[] _true = [];
    private int[] _pred = [];

    [Params(10, 100, 1000, 10_000)]
    public int K { get; set; }

    [GlobalSetup]
    public void Setup() => (_true, _pred) = Labelings.Generate(1_000_000, K, K);

    [Benchmark]
    public double AdjustedMutualInfo() => ClusterMetrics.AdjustedMutualInfoScore<int, int>(_true, _pred);

    [Benchmark(Baseline = true)]
    public double MutualInfo() => ClusterMetrics.MutualInfoScore<int, int>(_true, _pred);
}
