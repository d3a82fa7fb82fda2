using System.Globalization;
using System.Text.Json;

namespace MiFast.Tests.Golden;

/// <summary>
/// EMI against its exact value (tests/data/generated/exact_emi.json: exact binomials, 60-digit
/// logs), within 1e-12 relative on every reference case it covers, through every kernel.
/// scikit-learn's log-gamma form is off by up to 3e-10 on the same cases.
/// </summary>
public class ExactEmiTests
{
    private static readonly Lazy<Dictionary<string, double>> Exact = new(() =>
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(
            ReferenceCase.DataPath("generated", "exact_emi.json")));
        return document.RootElement.GetProperty("emi").EnumerateObject()
            .ToDictionary(p => p.Name, p => double.Parse(p.Value.GetString()!, CultureInfo.InvariantCulture));
    });

    public static TheoryData<string> Cases() => [.. Exact.Value.Keys.Order(StringComparer.Ordinal)];

    [Fact]
    public void CoversTheLargeCases() => Assert.Contains("bug-ami-slow-1e5", Exact.Value.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void ExpectedMutualInformationIsExactTo1e12(string id)
    {
        ReferenceCase c = ReferenceCase.Cases[id];
        double exact = Exact.Value[id];
        foreach (CountingKernel kernel in Enum.GetValues<CountingKernel>())
        {
            double emi = ClusterMetrics.ExpectedMutualInformation(c.True.TableWith(c.Pred, kernel));
            Assert.True(Math.Abs(emi - exact) <= 1e-12 * Math.Abs(exact),
                $"{id}: EMI {emi:R}, exact {exact:R}, relative error {Math.Abs(emi - exact) / exact:E2}");
        }
    }
}
