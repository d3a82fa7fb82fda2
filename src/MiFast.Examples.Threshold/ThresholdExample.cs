using System.Globalization;
using System.Text;
using MiFast.Analysis;

namespace MiFast.Examples.Threshold;

/// <summary>What the example found: the thresholds and how they do on each split.</summary>
/// <param name="Optimal">The MI-optimal threshold, picked on the validation split.</param>
/// <param name="ValidationOptimal">The MI-optimal threshold on the validation split.</param>
/// <param name="ValidationHalf">The 0.5 threshold on the validation split.</param>
/// <param name="TestOptimal">The MI-optimal threshold (from validation) on the test split.</param>
/// <param name="TestHalf">The 0.5 threshold on the test split.</param>
/// <param name="PositiveRate">The fraction of positives in the whole data.</param>
internal sealed record ExampleResult(double Optimal, ThresholdEvaluation ValidationOptimal,
    ThresholdEvaluation ValidationHalf, ThresholdEvaluation TestOptimal, ThresholdEvaluation TestHalf,
    double PositiveRate);

/// <summary>
/// Imbalanced two-class data, a logistic regression fitted by gradient descent, and the decision
/// threshold chosen to maximize the mutual information between labels and decisions.
/// </summary>
/// <remarks>
/// With 10 % positives, the 0.5 threshold of a calibrated model predicts "negative" almost
/// always: high accuracy, little information. The MI-optimal threshold trades a little accuracy
/// for decisions that say much more about the true class.
/// </remarks>
internal static class ThresholdExample
{
    public static ExampleResult Run(int seed = 2026, int n = 8000, double positiveRate = 0.1)
    {
        // Data: negatives ~ N((0, 0), I), positives ~ N((1.2, 0.8), I), shuffled by construction.
        var random = new Random(seed);
        var x = new double[n][];
        var y = new bool[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = random.NextDouble() < positiveRate;
            (double a, double b) = (Gaussian(random), Gaussian(random));
            x[i] = y[i] ? [a + 1.2, b + 0.8] : [a, b];
        }

        // Splits: half to fit, a quarter to pick the threshold, a quarter to test it.
        int fitEnd = n / 2, validationEnd = 3 * n / 4;
        double[] weights = FitLogistic(x[..fitEnd], y[..fitEnd], iterations: 2000, rate: 0.5);
        double[] Scores(int from, int to) => [.. x[from..to].Select(row => Predict(weights, row))];
        double[] validation = Scores(fitEnd, validationEnd), test = Scores(validationEnd, n);
        bool[] validationLabels = y[fitEnd..validationEnd], testLabels = y[validationEnd..];

        ThresholdSearchResult search = ThresholdSearch.Find(validation, validationLabels);
        double t = search.Best.Threshold;
        return new ExampleResult(t, search.Best, ThresholdSearch.Evaluate(validation, validationLabels, 0.5),
            ThresholdSearch.Evaluate(test, testLabels, t), ThresholdSearch.Evaluate(test, testLabels, 0.5),
            y.Count(v => v) / (double)n);
    }

    /// <summary>The program's output: the data, the threshold, and a table of both thresholds on
    /// both splits (MI in bits).</summary>
    public static string Describe(ExampleResult r)
    {
        var text = new StringBuilder();
        IFormatProvider inv = CultureInfo.InvariantCulture;
        text.Append(inv, $"Imbalanced two-class data: {r.PositiveRate:P1} positives; ")
            .AppendLine("logistic regression fitted on half.");
        text.AppendLine(inv, $"MI-optimal threshold on the validation split: {r.Optimal:F4}");
        text.AppendLine();
        text.AppendLine("split       threshold   MI (bits)   accuracy   TP    FP    TN    FN");
        foreach ((string split, ThresholdEvaluation e) in new[]
        {
            ("validation", r.ValidationOptimal), ("validation", r.ValidationHalf), ("test", r.TestOptimal),
            ("test", r.TestHalf),
        })
        {
            BinaryConfusion c = e.Confusion;
            double bits = LogBase.Two.FromNats(e.MutualInfo);
            string line = string.Create(inv, $"{split,-10}  {e.Threshold,9:F4}   {bits,9:F4}   {e.Accuracy,8:F4}   ")
                + string.Create(inv, $"{c.TruePositives,-4}  {c.FalsePositives,-4}  {c.TrueNegatives,-4}  ")
                + string.Create(inv, $"{c.FalseNegatives,-4}");
            text.AppendLine(line.TrimEnd());
        }

        return text.ToString();
    }

    private static double Gaussian(Random random)
    {
        // Box–Muller: two uniforms in (0, 1] to one standard normal.
        double u = 1.0 - random.NextDouble(), v = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }

    private static double Predict(double[] w, double[] row) => Sigmoid(w[0] + (w[1] * row[0]) + (w[2] * row[1]));

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>Logistic regression by full-batch gradient descent on the mean log loss.</summary>
    private static double[] FitLogistic(double[][] x, bool[] y, int iterations, double rate)
    {
        var w = new double[3];
        for (int step = 0; step < iterations; step++)
        {
            var gradient = new double[3];
            for (int i = 0; i < x.Length; i++)
            {
                double error = Predict(w, x[i]) - (y[i] ? 1 : 0);
                gradient[0] += error;
                gradient[1] += error * x[i][0];
                gradient[2] += error * x[i][1];
            }

            for (int k = 0; k < 3; k++) w[k] -= rate * gradient[k] / x.Length;
        }

        return w;
    }
}
