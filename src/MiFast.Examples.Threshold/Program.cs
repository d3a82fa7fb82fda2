using MiFast.Examples.Threshold;

Console.Write(ThresholdExample.Describe(ThresholdExample.Run()));
