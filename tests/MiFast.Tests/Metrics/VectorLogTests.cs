using MiFast.Metrics;

namespace MiFast.Tests.Metrics;

/// <summary>The batched, vectorized log1p of the MI cells against the scalar one.</summary>
public class VectorLogTests
{
    [Fact]
    public void BatchedLog1PAgreesWithTheScalarOneToAFewUlps()
    {
        // Ratios from −1 + 2^−40 to 10^9, with tiny ones where 1 + x rounds to 1.
        var random = new Random(20261204);
        double[] x = [.. Enumerable.Range(0, 10_000).Select(i => (i % 4) switch
        {
            0 => random.NextDouble() * 2 - 1 + Math.ScaleB(1, -40),
            1 => Math.Exp(random.NextDouble() * 20),
            2 => (random.NextDouble() - 0.5) * 1e-17,
            _ => (random.NextDouble() - 0.5) * 1e-6,
        })];
        double[] batched = [.. x];
        InformationSums.Log1P(batched);
        for (int i = 0; i < x.Length; i++)
        {
            double scalar = InformationSums.Log1P(x[i]);
            Assert.True(Math.Abs(batched[i] - scalar) <= 4 * Math.BitIncrement(Math.Abs(scalar)) - 4 * Math.Abs(scalar),
                $"log1p({x[i]:R}): batched {batched[i]:R}, scalar {scalar:R}");
            if (1.0 + x[i] == 1.0) Assert.Equal(x[i], batched[i]);
        }
    }

    [Fact]
    public void EachValueDoesNotDependOnItsPositionInTheBatch()
    {
        // The same ratio first, in the middle and in the tail of batches of every length.
        const double ratio = 0.3183098861837907;
        double expected = Single(ratio);
        for (int length = 1; length <= 19; length++)
        {
            for (int at = 0; at < length; at++)
            {
                double[] values = [.. Enumerable.Range(0, length).Select(i => i == at ? ratio : i * 1.5)];
                InformationSums.Log1P(values);
                Assert.Equal(expected, values[at]);
            }
        }
    }

    private static double Single(double x)
    {
        double[] one = [x];
        InformationSums.Log1P(one);
        return one[0];
    }
}
