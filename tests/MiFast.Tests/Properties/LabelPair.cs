using FsCheck;
using FsCheck.Fluent;

namespace MiFast.Tests.Properties;

/// <summary>How a generated labeling pair is shaped.</summary>
public enum PairShape
{
    /// <summary>Independent uniform labels 0..k−1.</summary>
    Uniform,

    /// <summary>Values drawn from a pool of negative, huge and boundary 64-bit values.</summary>
    ExtremeValues,

    /// <summary>Geometric cluster sizes: one big cluster and a long tail of small ones.</summary>
    Skewed,

    /// <summary>The prediction copies the truth (mapped through k2 buckets) 70 % of the time.</summary>
    Correlated,

    /// <summary>Every item its own cluster on the predicted side.</summary>
    AllUniquePred,

    /// <summary>One class on the true side.</summary>
    ConstantTrue,
}

/// <summary>A generated pair of labelings of the same items, reproducible from its fields.</summary>
public sealed record LabelPair(int N, int K1, int K2, PairShape Shape, int Seed)
{
    private static readonly long[] Extremes =
    [
        long.MinValue, long.MinValue + 1, -4294967296, -4294967295, -1, 0, 1, 4294967295, 4294967296,
        int.MaxValue, int.MinValue, long.MaxValue - 1, long.MaxValue, 1L << 53, (1L << 53) + 1,
    ];

    private (long[] True, long[] Pred)? _labels;

    public long[] True => Labels().True;

    public long[] Pred => Labels().Pred;

    private (long[] True, long[] Pred) Labels() => _labels ??= Generate();

    private (long[] True, long[] Pred) Generate()
    {
        var random = new Random(Seed);
        var t = new long[N];
        var p = new long[N];
        for (int i = 0; i < N; i++)
        {
            switch (Shape)
            {
                case PairShape.ExtremeValues:
                    t[i] = Extremes[random.Next(Math.Min(K1, Extremes.Length))];
                    p[i] = Extremes[Extremes.Length - 1 - random.Next(Math.Min(K2, Extremes.Length))];
                    break;
                case PairShape.Skewed:
                    t[i] = Geometric(random, K1);
                    p[i] = random.NextDouble() < 0.5 ? t[i] % K2 : Geometric(random, K2);
                    break;
                case PairShape.Correlated:
                    t[i] = random.Next(K1);
                    p[i] = random.NextDouble() < 0.7 ? t[i] % K2 : random.Next(K2);
                    break;
                case PairShape.AllUniquePred:
                    t[i] = random.Next(K1);
                    p[i] = 1000L * i - 7;
                    break;
                case PairShape.ConstantTrue:
                    t[i] = -42;
                    p[i] = random.Next(K2);
                    break;
                default:
                    t[i] = random.Next(K1);
                    p[i] = random.Next(K2);
                    break;
            }
        }

        return (t, p);
    }

    private static long Geometric(Random random, int k)
    {
        long value = 0;
        while (value < k - 1 && random.NextDouble() < 0.5) value++;
        return value;
    }

    public override string ToString() => $"LabelPair(N={N}, K1={K1}, K2={K2}, {Shape}, Seed={Seed})";
}

/// <summary>FsCheck generators: sizes 0..200 (the naive pair loop is quadratic), 1..40 labels.</summary>
public static class LabelArbitraries
{
    public static Arbitrary<LabelPair> LabelPairs() =>
        (from n in Gen.Frequency((1, Gen.Choose(0, 3)), (6, Gen.Choose(0, 200)))
         from k1 in Gen.Choose(1, 40)
         from k2 in Gen.Choose(1, 40)
         from shape in Gen.Elements(Enum.GetValues<PairShape>())
         from seed in Gen.Choose(0, int.MaxValue)
         select new LabelPair(n, k1, k2, shape, seed)).ToArbitrary();
}
