namespace MiFast.Benchmarks;

/// <summary>
/// The benchmark labelings, shared with the scikit-learn comparison: labels_true uniform in
/// [0, K1); labels_pred = labels_true mod K2 with probability 0.7, else uniform in [0, K2);
/// fixed seed. K = 0 means every item its own label.
/// </summary>
public static class Labelings
{
    public static (int[] True, int[] Pred) Generate(int n, int k1, int k2, int seed = 20261203)
    {
        var random = new Random(seed);
        var t = new int[n];
        var p = new int[n];
        for (int i = 0; i < n; i++)
        {
            t[i] = k1 == 0 ? i : random.Next(k1);
            p[i] = k2 == 0 ? n - 1 - i : random.NextDouble() < 0.7 ? t[i] % k2 : random.Next(k2);
        }

        return (t, p);
    }
}
