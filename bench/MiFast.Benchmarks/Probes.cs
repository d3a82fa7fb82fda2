using System.Numerics;

namespace MiFast.Benchmarks;

/// <summary>Baselines that every time is reported against.</summary>
public static class Probes
{
    /// <summary>The least any algorithm must do: read both arrays once, vectorized, on every core.</summary>
    public static double MemoryProbe(int[] labelsTrue, int[] labelsPred)
    {
        int workers = Environment.ProcessorCount;
        var partial = new long[workers];
        Parallel.For(0, workers, w =>
        {
            int start = (int)((long)labelsTrue.Length * w / workers);
            int end = (int)((long)labelsTrue.Length * (w + 1) / workers);
            Vector<int> lanes = Vector<int>.Zero;
            int i = start;
            for (; i + Vector<int>.Count <= end; i += Vector<int>.Count)
            {
                lanes += new Vector<int>(labelsTrue, i) ^ new Vector<int>(labelsPred, i);
            }

            long sum = Vector.Sum(lanes);
            for (; i < end; i++) sum += labelsTrue[i] ^ labelsPred[i];
            partial[w] = sum;
        });
        return partial.Sum();
    }
}
