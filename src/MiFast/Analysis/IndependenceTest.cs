using MathNet.Numerics;

namespace MiFast.Analysis;

/// <summary>The G-test of independence of two labelings: G, its degrees of freedom and the
/// p-value.</summary>
/// <param name="G">G = 2·n·I(U; V), I in nats.</param>
/// <param name="DegreesOfFreedom">(R − 1)·(C − 1).</param>
/// <param name="PValue">P(χ²_df ≥ G), the upper tail of the χ² distribution.</param>
public readonly record struct GTestResult(double G, long DegreesOfFreedom, double PValue);

/// <summary>The likelihood-ratio (G) test of independence from a contingency table.</summary>
/// <remarks>
/// <para>Under independence, G = 2·Σ_ij n_ij·ln(n·n_ij / (a_i·b_j)) = 2·n·I(U; V) follows
/// asymptotically a χ² distribution with (R − 1)(C − 1) degrees of freedom, R and C the numbers
/// of non-empty rows and columns. The p-value is the regularized upper incomplete gamma
/// function Q(df/2, G/2) (MathNet.Numerics), accurate also far in the tail where 1 − CDF would
/// round to 0.</para>
/// <para>When df = 0 (a constant labeling, or empty input) G = 0 and the p-value is 1. The
/// χ² approximation needs expected counts that are not small (a common rule: at least 5 per
/// cell); the test does not check it.</para>
/// </remarks>
public static class IndependenceTest
{
    /// <summary>The G-test of the table.</summary>
    /// <exception cref="ArgumentNullException">The table is null.</exception>
    public static GTestResult GTest(ContingencyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        long df = (long)(table.RowCount - 1) * (table.ColumnCount - 1);
        if (table.SampleCount == 0 || df <= 0) return new GTestResult(0, Math.Max(df, 0), 1);
        double g = 2.0 * table.SampleCount * ClusterMetrics.MutualInfoScore(table);
        return new GTestResult(g, df, ChiSquaredUpperTail(g, df));
    }

    /// <summary>P(χ²_df ≥ x) = Q(df/2, x/2), the regularized upper incomplete gamma function.</summary>
    /// <exception cref="ArgumentOutOfRangeException">df is not positive, or x is negative or NaN.</exception>
    public static double ChiSquaredUpperTail(double x, long degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(degreesOfFreedom);
        if (!(x >= 0)) throw new ArgumentOutOfRangeException(nameof(x), x, "Must be a number ≥ 0.");
        if (double.IsPositiveInfinity(x)) return 0;
        if (x == 0) return 1;
        return SpecialFunctions.GammaUpperRegularized(degreesOfFreedom / 2.0, x / 2.0);
    }
}
