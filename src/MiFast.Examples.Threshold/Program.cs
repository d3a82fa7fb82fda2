using System.Globalization;
using MiFast.Analysis;
using MiFast.Examples.Threshold;

ExampleResult r = ThresholdExample.Run();
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
Console.WriteLine($"Imbalanced two-class data: {r.PositiveRate:P1} positives; logistic regression fitted on half.");
Console.WriteLine($"MI-optimal threshold on the validation split: {r.Optimal:F4}");
Console.WriteLine();
Console.WriteLine("split       threshold   MI (bits)   accuracy   TP    FP    TN    FN");
Print("validation", r.ValidationOptimal);
Print("validation", r.ValidationHalf);
Print("test", r.TestOptimal);
Print("test", r.TestHalf);

static void Print(string split, ThresholdEvaluation e)
{
    BinaryConfusion c = e.Confusion;
    Console.WriteLine($"{split,-10}  {e.Threshold,9:F4}   {LogBase.Two.FromNats(e.MutualInfo),9:F4}   "
        + $"{e.Accuracy,8:F4}   {c.TruePositives,-4}  {c.FalsePositives,-4}  {c.TrueNegatives,-4}  {c.FalseNegatives,-4}");
}
