namespace MiFast.Analysis;

/// <summary>The mean and sample standard deviation of repeated measurements.</summary>
/// <param name="Mean">The arithmetic mean (exactly the value when all values are equal).</param>
/// <param name="StandardDeviation">The sample standard deviation (divisor R − 1); 0 for one repeat.</param>
public readonly record struct Summary(double Mean, double StandardDeviation)
{
    internal static Summary Of(ReadOnlySpan<double> values)
    {
        if (values.Length == 0) return new Summary(0, 0);

        // Equal values summarize to themselves exactly (Σv / R can be an ulp off).
        if (values.IndexOfAnyExcept(values[0]) < 0) return new Summary(values[0], 0);
        double mean = 0;
        foreach (double v in values) mean += v;
        mean /= values.Length;
        if (values.Length == 1) return new Summary(mean, 0);
        double squares = 0;
        foreach (double v in values) squares += (v - mean) * (v - mean);
        return new Summary(mean, Math.Sqrt(squares / (values.Length - 1)));
    }
}

/// <summary>MI (in the study's log base), NMI and AMI of one noise level or reference labeling,
/// over the repeats.</summary>
/// <param name="Name">"noise" for a noise level, else the reference's name.</param>
/// <param name="Probability">The noise probability p (NaN for reference rows).</param>
/// <param name="MutualInfo">MI of the truth against the noisy labels.</param>
/// <param name="NormalizedMutualInfo">NMI (the study's average method).</param>
/// <param name="AdjustedMutualInfo">AMI (the study's average method).</param>
public readonly record struct NoiseStudyRow(string Name, double Probability, Summary MutualInfo,
    Summary NormalizedMutualInfo, Summary AdjustedMutualInfo);

/// <summary>The settings of a <see cref="NoiseStudy"/>.</summary>
public sealed record NoiseStudyOptions
{
    /// <summary>The noise probabilities; 0, 0.1, …, 1 by default. Each must lie in [0, 1].</summary>
    public IReadOnlyList<double> Probabilities { get; init; } =
        [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

    /// <summary>R, the repeats per probability (and per random reference); 10 by default.</summary>
    public int Repeats { get; init; } = 10;

    /// <summary>The seed: the same seed gives the same numbers, whatever the thread count.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>The mean of the entropies for NMI and AMI; arithmetic by default.</summary>
    public AverageMethod AverageMethod { get; init; } = AverageMethod.Arithmetic;

    /// <summary>The unit of MI and the entropies; nats by default.</summary>
    public LogBase LogBase { get; init; } = LogBase.E;

    /// <summary>The most threads to use; 0 (the default) for every core. It never changes the result.</summary>
    public int MaxDegreeOfParallelism { get; init; }
}

/// <summary>The result of a <see cref="NoiseStudy"/>.</summary>
/// <param name="SampleCount">n, the number of items.</param>
/// <param name="ClassCount">K, the number of distinct true labels.</param>
/// <param name="EntropyTrue">H of the truth, in the study's log base.</param>
/// <param name="LogClassCount">log K in the study's log base: the most MI any labeling with K
/// labels can have.</param>
/// <param name="Curve">One row per noise probability, in the order given.</param>
/// <param name="References">The reference rows: "permuted copy", "independent random" and
/// "all singletons".</param>
/// <param name="Options">The settings used.</param>
public sealed record NoiseStudyResult(long SampleCount, int ClassCount, double EntropyTrue, double LogClassCount,
    IReadOnlyList<NoiseStudyRow> Curve, IReadOnlyList<NoiseStudyRow> References, NoiseStudyOptions Options);

/// <summary>
/// How MI, NMI and AMI fall as a true labeling is corrupted by label noise, with reference rows
/// that show what the scores do at the extremes.
/// </summary>
/// <remarks>
/// <para>Noise at probability p: each item's label is, independently with probability p,
/// replaced by one drawn uniformly from the K distinct true labels (so it may draw its own
/// label back). At p = 0 the noisy labels are the truth (MI = H, NMI = AMI = 1); at p = 1 they
/// are independent of it (MI ≈ 0, AMI ≈ 0).</para>
/// <para>Reference rows: <b>permuted copy</b>, the truth with its label values permuted by a
/// random bijection, is the same partition: MI = H(U) exactly, NMI = AMI = 1 (every repeat);
/// <b>independent random</b>, labels uniform over the K labels, independent of the truth:
/// MI near 0 but positive (its expectation is EMI), AMI near 0; <b>all singletons</b>, every
/// item its own cluster: MI = H(U), the highest possible, while NMI is low and AMI is 0 — MI
/// rewards over-segmentation, the adjusted score does not.</para>
/// <para>Randomness: each (row, repeat) draws from its own SplitMix64 stream seeded from
/// (seed, row, repeat), and the repeats run in parallel into fixed slots, so the result is
/// the same for any thread count. Mean and standard deviation are over the R repeats.</para>
/// </remarks>
public static class NoiseStudy
{
    private const string Noise = "noise";

    /// <summary>Runs the study on a true labeling.</summary>
    /// <param name="labelsTrue">The true labels.</param>
    /// <param name="options">The settings; the defaults when null.</param>
    /// <exception cref="ArgumentException">A label is null, a probability is outside [0, 1], or
    /// Repeats is not positive.</exception>
    public static NoiseStudyResult Run<T>(ReadOnlySpan<T> labelsTrue, NoiseStudyOptions? options = null)
        where T : notnull
    {
        options ??= new NoiseStudyOptions();
        if (options.Repeats < 1) throw new ArgumentException("Repeats must be at least 1.", nameof(options));
        foreach (double p in options.Probabilities)
        {
            if (!(p >= 0 && p <= 1))
            {
                throw new ArgumentException(FormattableString.Invariant($"The probability {p} is not in [0, 1]."),
                    nameof(options));
            }
        }

        // The truth as codes 0..K-1.
        var codes = new int[labelsTrue.Length];
        int k = Contingency.LabelEncoder.Encode(labelsTrue, codes, nameof(labelsTrue)).Count;
        LogBase unit = options.LogBase;
        double entropy = ClusterMetrics.Entropy<int>(codes);

        // Work items: (row, repeat); rows are the probabilities, then the two random references.
        int grid = options.Probabilities.Count, repeats = options.Repeats;
        int rows = grid + 2;
        var mi = new double[rows * repeats];
        var nmi = new double[rows * repeats];
        var ami = new double[rows * repeats];
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : -1,
        };
        Parallel.For(0, rows * repeats, parallel, slot =>
        {
            int row = slot / repeats, repeat = slot % repeats;
            var random = new SplitMix64(options.Seed, (ulong)row, (ulong)repeat);
            int[] other = row < grid ? Noisy(codes, k, options.Probabilities[row], ref random)
                : row == grid ? Permuted(codes, k, ref random)
                : Uniform(codes.Length, k, ref random);
            ContingencyTable table = ContingencyTable.Create<int, int>(codes, other);
            mi[slot] = unit.FromNats(ClusterMetrics.MutualInfoScore(table));
            nmi[slot] = ClusterMetrics.NormalizedMutualInfoScore(table, options.AverageMethod);
            ami[slot] = ClusterMetrics.AdjustedMutualInfoScore(table, options.AverageMethod);
        });

        NoiseStudyRow Row(int row, string name, double p)
        {
            var range = new Range(row * repeats, (row + 1) * repeats);
            return new NoiseStudyRow(name, p, Summary.Of(mi.AsSpan(range)), Summary.Of(nmi.AsSpan(range)),
                Summary.Of(ami.AsSpan(range)));
        }

        var curve = new NoiseStudyRow[grid];
        for (int row = 0; row < grid; row++) curve[row] = Row(row, Noise, options.Probabilities[row]);

        // Every item its own cluster: deterministic, one evaluation.
        var singletons = new int[codes.Length];
        for (int i = 0; i < singletons.Length; i++) singletons[i] = i;
        ContingencyTable own = ContingencyTable.Create<int, int>(codes, singletons);
        var ownRow = new NoiseStudyRow("all singletons", double.NaN,
            new Summary(unit.FromNats(ClusterMetrics.MutualInfoScore(own)), 0),
            new Summary(ClusterMetrics.NormalizedMutualInfoScore(own, options.AverageMethod), 0),
            new Summary(ClusterMetrics.AdjustedMutualInfoScore(own, options.AverageMethod), 0));
        NoiseStudyRow[] references =
        [
            Row(grid, "permuted copy", double.NaN),
            Row(grid + 1, "independent random", double.NaN),
            ownRow,
        ];

        return new NoiseStudyResult(codes.Length, k, unit.FromNats(entropy),
            k == 0 ? 0 : unit.FromNats(Math.Log(k)), curve, references, options);
    }

    private static int[] Noisy(int[] codes, int k, double p, ref SplitMix64 random)
    {
        var noisy = new int[codes.Length];
        for (int i = 0; i < codes.Length; i++)
        {
            noisy[i] = random.NextDouble() < p ? random.Next(k) : codes[i];
        }

        return noisy;
    }

    private static int[] Permuted(int[] codes, int k, ref SplitMix64 random)
    {
        // A random bijection of the K labels (Fisher-Yates), applied to every item.
        var map = new int[k];
        for (int i = 0; i < k; i++) map[i] = i;
        for (int i = k - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (map[i], map[j]) = (map[j], map[i]);
        }

        var permuted = new int[codes.Length];
        for (int i = 0; i < codes.Length; i++) permuted[i] = map[codes[i]];
        return permuted;
    }

    private static int[] Uniform(int n, int k, ref SplitMix64 random)
    {
        var labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = random.Next(k);
        return labels;
    }

    /// <summary>SplitMix64 (Steele, Lea &amp; Flood 2014): a small, fast generator whose streams
    /// are fixed by their seed on every platform and runtime.</summary>
    private struct SplitMix64
    {
        private ulong _state;

        public SplitMix64(ulong seed, ulong row, ulong repeat)
        {
            _state = seed;
            _state = NextRaw() ^ (row * 0xD1B54A32D192ED03UL);
            _state = NextRaw() ^ (repeat * 0x9E3779B97F4A7C15UL);
        }

        private ulong NextRaw()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
        public double NextDouble() => (NextRaw() >> 11) * (1.0 / (1UL << 53));

        /// <summary>Uniform in [0, bound) without modulo bias (Lemire's multiply-shift with rejection).</summary>
        public int Next(int bound)
        {
            ulong range = (ulong)bound;
            while (true)
            {
                UInt128 product = (UInt128)NextRaw() * range;
                ulong low = (ulong)product;
                if (low >= (0UL - range) % range) return (int)(ulong)(product >> 64);
            }
        }
    }
}
