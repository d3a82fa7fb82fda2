using System.Globalization;
using System.Text.Json;
using MiFast.Metrics;

namespace MiFast.Tests.Golden;

/// <summary>
/// One EMI group term E[k·ln(N·k/(a·b))] against its exact value
/// (tests/data/generated/exact_group_terms.json) at N up to 10^9 and means up to 10^6, where the
/// walk is longest and its terms cancel most; and the whole EMI whatever the worker count.
/// </summary>
public class ExactGroupTermTests
{
    public static TheoryData<long, long, long, string> Groups()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(
            ReferenceCase.DataPath("generated", "exact_group_terms.json")));
        var data = new TheoryData<long, long, long, string>();
        foreach (JsonElement g in document.RootElement.GetProperty("groups").EnumerateArray())
        {
            data.Add(g.GetProperty("a").GetInt64(), g.GetProperty("b").GetInt64(), g.GetProperty("n").GetInt64(),
                g.GetProperty("term").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Groups))]
    public void GroupTermIsExactTo1e14(long a, long b, long n, string exactText)
    {
        double exact = double.Parse(exactText, CultureInfo.InvariantCulture);
        double term = ExpectedMutualInfo.GroupTerm(a, b, n);
        Assert.True(Math.Abs(term - exact) <= 1e-14 * Math.Abs(exact),
            $"({a}, {b}, {n}): {term:R}, exact {exact:R}, relative error {Math.Abs(term - exact) / exact:E2}");
        Assert.Equal(term, ExpectedMutualInfo.GroupTerm(b, a, n));
    }

    [Theory]
    [InlineData(1_000_000, 100, 100)]
    [InlineData(200_000, 3_000, 2_000)]
    [InlineData(100_000, 50, 0)]
    public void ExpectedMutualInfoDoesNotDependOnTheWorkerCount(int n, int k1, int k2)
    {
        // Clustered sizes make many distinct (a, b) groups, so every worker has rows.
        var random = new Random(n + k1);
        int[] t = new int[n], p = new int[n];
        for (int i = 0; i < n; i++)
        {
            t[i] = (int)(k1 * Math.Pow(random.NextDouble(), 2));
            p[i] = k2 == 0 ? i : random.NextDouble() < 0.7 ? t[i] % k2 : random.Next(k2);
        }

        ContingencyTable table = ContingencyTable.Create<int, int>(t, p);
        double one = ExpectedMutualInfo.Compute(table, workers: 1);
        Assert.True(one > 0);
        Assert.Equal(one, ExpectedMutualInfo.Compute(table, workers: 2));
        Assert.Equal(one, ExpectedMutualInfo.Compute(table, workers: 7));
    }
}
