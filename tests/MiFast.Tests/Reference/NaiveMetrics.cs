using System.Numerics;

namespace MiFast.Tests.Reference;

/// <summary>
/// A slow, obviously-correct implementation of every metric, written straight from the
/// formulas: Dictionary counting, a literal loop over all ordered pairs of items, the EMI
/// triple sum with log-factorials. Only for small inputs.
/// </summary>
internal sealed class NaiveMetrics
{
    private readonly Dictionary<(string, string), long> _cells = [];
    private readonly Dictionary<string, long> _rows = [];
    private readonly Dictionary<string, long> _columns = [];
    private readonly string[] _u;
    private readonly string[] _v;

    public NaiveMetrics(IReadOnlyList<string> labelsTrue, IReadOnlyList<string> labelsPred)
    {
        _u = [.. labelsTrue];
        _v = [.. labelsPred];
        for (int k = 0; k < _u.Length; k++)
        {
            _cells[(_u[k], _v[k])] = _cells.GetValueOrDefault((_u[k], _v[k])) + 1;
            _rows[_u[k]] = _rows.GetValueOrDefault(_u[k]) + 1;
            _columns[_v[k]] = _columns.GetValueOrDefault(_v[k]) + 1;
        }
    }

    public int N => _u.Length;

    public static NaiveMetrics Of<T1, T2>(IEnumerable<T1> labelsTrue, IEnumerable<T2> labelsPred) =>
        new([.. labelsTrue.Select(Key)], [.. labelsPred.Select(Key)]);

    private static string Key<T>(T value) => value switch
    {
        double d => d == 0 ? "0" : d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
    };

    public double EntropyTrue => Entropy(_rows.Values);

    public double EntropyPred => Entropy(_columns.Values);

    private double Entropy(IEnumerable<long> sizes) =>
        N == 0 ? 0 : -sizes.Sum(a => (double)a / N * Math.Log((double)a / N));

    public double MutualInfo => N == 0 ? 0 : Math.Max(0, _cells.Sum(kv =>
    {
        double nij = kv.Value, a = _rows[kv.Key.Item1], b = _columns[kv.Key.Item2];
        return nij / N * Math.Log(N * nij / (a * b));
    }));

    private double Mean(AverageMethod m) => m switch
    {
        AverageMethod.Min => Math.Min(EntropyTrue, EntropyPred),
        AverageMethod.Max => Math.Max(EntropyTrue, EntropyPred),
        AverageMethod.Geometric => Math.Sqrt(EntropyTrue * EntropyPred),
        _ => (EntropyTrue + EntropyPred) / 2,
    };

    /// <summary>Same partition: the cell map is a bijection between classes and clusters.</summary>
    public bool SamePartition => _cells.Count == _rows.Count && _cells.Count == _columns.Count;

    public double Nmi(AverageMethod m)
    {
        if (SamePartition) return 1;
        return MutualInfo == 0 ? 0 : MutualInfo / Mean(m);
    }

    public double ExpectedMutualInfo
    {
        get
        {
            if (_rows.Count <= 1 || _columns.Count <= 1) return 0;
            double[] logFactorial = new double[N + 1];
            for (int k = 1; k <= N; k++) logFactorial[k] = logFactorial[k - 1] + Math.Log(k);
            double emi = 0;
            foreach (long a in _rows.Values)
            {
                foreach (long b in _columns.Values)
                {
                    for (long k = Math.Max(1, a + b - N); k <= Math.Min(a, b); k++)
                    {
                        double logP = logFactorial[a] + logFactorial[b] + logFactorial[N - a] + logFactorial[N - b]
                            - logFactorial[N] - logFactorial[k] - logFactorial[a - k] - logFactorial[b - k]
                            - logFactorial[N - a - b + k];
                        emi += Math.Exp(logP) * k / N * Math.Log((double)N * k / ((double)a * b));
                    }
                }
            }

            return emi;
        }
    }

    public double Ami(AverageMethod m)
    {
        if (SamePartition) return 1;
        if (_rows.Count == 1 || _columns.Count == 1) return 0;
        if (_rows.Count == N || _columns.Count == N) return 0;
        double emi = ExpectedMutualInfo;
        return (MutualInfo - emi) / (Mean(m) - emi);
    }

    /// <summary>C[x, y] over all ordered pairs (p, q), p ≠ q: x = together in true, y = together in pred.</summary>
    public long[,] PairConfusion
    {
        get
        {
            var c = new long[2, 2];
            for (int p = 0; p < N; p++)
            {
                for (int q = 0; q < N; q++)
                {
                    if (p == q) continue;
                    c[_u[p] == _u[q] ? 1 : 0, _v[p] == _v[q] ? 1 : 0]++;
                }
            }

            return c;
        }
    }

    public double AdjustedRand
    {
        get
        {
            // Hubert & Arabie over unordered pairs: (index − expected) / (max − expected).
            BigInteger Comb2(long x) => (BigInteger)x * (x - 1) / 2;
            if (N < 2) return 1;
            BigInteger index = _cells.Values.Aggregate(BigInteger.Zero, (s, x) => s + Comb2(x));
            BigInteger sa = _rows.Values.Aggregate(BigInteger.Zero, (s, x) => s + Comb2(x));
            BigInteger sb = _columns.Values.Aggregate(BigInteger.Zero, (s, x) => s + Comb2(x));
            BigInteger total = Comb2(N);
            // Multiply through by 2·total to stay in integers.
            BigInteger num = 2 * (index * total - sa * sb);
            BigInteger den = (sa + sb) * total - 2 * sa * sb;
            if (den.IsZero) return 1;
            return (double)num / (double)den;
        }
    }

    public double Rand
    {
        get
        {
            long[,] c = PairConfusion;
            long total = (long)N * (N - 1);
            return total == 0 ? 1 : (double)(c[0, 0] + c[1, 1]) / total;
        }
    }

    public double FowlkesMallows
    {
        get
        {
            long[,] c = PairConfusion;
            if (c[1, 1] == 0) return 0;
            double precision = (double)c[1, 1] / (c[1, 1] + c[0, 1]);
            double recall = (double)c[1, 1] / (c[1, 1] + c[1, 0]);
            return Math.Sqrt(precision * recall);
        }
    }

    public double Homogeneity => EntropyTrue == 0 ? 1 : MutualInfo / EntropyTrue;

    public double Completeness => EntropyPred == 0 ? 1 : MutualInfo / EntropyPred;

    public double VMeasure(double beta)
    {
        double h = Homogeneity, c = Completeness;
        return h + c == 0 ? 0 : (1 + beta) * h * c / (beta * h + c);
    }

    public double VariationOfInformation => EntropyTrue + EntropyPred - 2 * MutualInfo;
}
