using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace MiFast.Benchmarks;

/// <summary>Throughput: the benchmark's <c>N</c> parameter over its mean time, in labels per second.</summary>
public sealed class LabelsPerSecondColumn : IColumn
{
    public string Id => nameof(LabelsPerSecondColumn);

    public string ColumnName => "Labels/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Labels counted per second (N / mean)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
        object? n = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "N")?.Value;
        if (meanNs is not > 0 || n is not int count) return "-";
        double perSecond = count / (meanNs.Value * 1e-9);
        return perSecond >= 1e9 ? $"{perSecond / 1e9:F2} G" : $"{perSecond / 1e6:F1} M";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
