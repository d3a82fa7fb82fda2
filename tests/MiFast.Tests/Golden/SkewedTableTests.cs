using System.Globalization;
using System.Text.Json;

namespace MiFast.Tests.Golden;

/// <summary>
/// Regression: entropies and MI of tables where one cell holds almost every item. A ratio near
/// 1 inside a log (n / a_i, n·n_ij / (a_i·b_j)) lost up to 1e−7 relative before the logs took
/// the exact integer difference from 1. Exact values: tests/data/generated/skewed_tables.py.
/// </summary>
public class SkewedTableTests
{
    public static TheoryData<int> Tables() => [.. Enumerable.Range(0, Load().GetArrayLength())];

    private static JsonElement Load() => JsonDocument.Parse(File.ReadAllText(
        ReferenceCase.DataPath("generated", "skewed_tables.json"))).RootElement.GetProperty("tables");

    [Theory]
    [MemberData(nameof(Tables))]
    public void ScoresAreAccurateTo1e13(int index)
    {
        JsonElement t = Load()[index];
        long[][] cells = [.. t.GetProperty("cells").EnumerateArray()
            .Select(r => r.EnumerateArray().Select(x => x.GetInt64()).ToArray())];
        var rows = new List<int>();
        var columns = new List<int>();
        var counts = new List<long>();
        for (int i = 0; i < cells.Length; i++)
        {
            for (int j = 0; j < cells[i].Length; j++)
            {
                rows.Add(i);
                columns.Add(j);
                counts.Add(cells[i][j]);
            }
        }

        ContingencyTable table = ContingencyTable.FromCounts<int, int>([.. rows], [.. columns], [.. counts]);
        ClusterScores s = ClusterMetrics.Compare(table);
        Close(t, "entropy_true", s.EntropyTrue);
        Close(t, "entropy_pred", s.EntropyPred);
        Close(t, "mutual_info", s.MutualInfo);
        Close(t, "nmi_arithmetic", s.NormalizedMutualInfo);
    }

    private static void Close(JsonElement table, string key, double actual)
    {
        double exact = double.Parse(table.GetProperty(key).GetString()!, CultureInfo.InvariantCulture);
        double error = Math.Abs(actual - exact) / Math.Abs(exact);
        Assert.True(error <= 1e-13, $"{key}: {actual:R}, exact {exact:R}, relative error {error:E2}");
    }
}
