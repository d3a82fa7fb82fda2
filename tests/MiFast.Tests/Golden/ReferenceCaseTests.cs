using System.Text.Json;

namespace MiFast.Tests.Golden;

/// <summary>Every case of cases.json, through every counting kernel, against its expected values.</summary>
public class ReferenceCaseTests
{
    private static readonly AverageMethod[] Methods =
        [AverageMethod.Arithmetic, AverageMethod.Geometric, AverageMethod.Min, AverageMethod.Max];

    public static TheoryData<string, CountingKernel> Cases()
    {
        var data = new TheoryData<string, CountingKernel>();
        foreach (string id in ReferenceCase.Cases.Keys.Order(StringComparer.Ordinal))
        {
            foreach (CountingKernel kernel in Enum.GetValues<CountingKernel>()) data.Add(id, kernel);
        }

        return data;
    }

    [Fact]
    public void AllCasesAreLoaded() => Assert.Equal(93, ReferenceCase.Cases.Count);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesExpectedValues(string id, CountingKernel kernel)
    {
        ReferenceCase c = ReferenceCase.Cases[id];
        ContingencyTable table = c.True.TableWith(c.Pred, kernel);
        AssertScores(c, table);

        if (c.HasParam("check_symmetry", out JsonElement symmetry) && symmetry.GetBoolean())
        {
            Properties.MetricProperties.AssertSymmetric(ClusterMetrics.Compare(table),
                ClusterMetrics.Compare(c.Pred.TableWith(c.True, kernel)));
        }
    }

    internal static void AssertScores(ReferenceCase c, ContingencyTable table)
    {
        JsonElement e = c.Expected;
        ClusterScores s = ClusterMetrics.Compare(table);
        c.AssertClose("mutual_info_score", s.MutualInfo, e.GetProperty("mutual_info_score").GetDouble());
        foreach (AverageMethod m in Methods)
        {
            string name = m.ToString().ToLowerInvariant();
            c.AssertClose("normalized_mutual_info_score", s.NormalizedMutualInfoWith(m),
                e.GetProperty("normalized_mutual_info_score").GetProperty(name).GetDouble());
            c.AssertClose("adjusted_mutual_info_score", s.AdjustedMutualInfoWith(m),
                e.GetProperty("adjusted_mutual_info_score").GetProperty(name).GetDouble());
        }

        c.AssertClose("adjusted_rand_score", s.AdjustedRand, e.GetProperty("adjusted_rand_score").GetDouble());
        c.AssertClose("rand_score", s.Rand, e.GetProperty("rand_score").GetDouble());
        c.AssertClose("homogeneity_score", s.Homogeneity, e.GetProperty("homogeneity_score").GetDouble());
        c.AssertClose("completeness_score", s.Completeness, e.GetProperty("completeness_score").GetDouble());
        c.AssertClose("v_measure_score", s.VMeasure, e.GetProperty("v_measure_score").GetDouble());
        c.AssertClose("fowlkes_mallows_score", s.FowlkesMallows, e.GetProperty("fowlkes_mallows_score").GetDouble());
        c.AssertClose("variation_of_information", s.VariationOfInformation,
            e.GetProperty("variation_of_information").GetDouble());
        if (e.TryGetProperty("entropy_true", out JsonElement hTrue))
        {
            c.AssertClose("entropy_true", s.EntropyTrue, hTrue.GetDouble());
            c.AssertClose("entropy_pred", s.EntropyPred, e.GetProperty("entropy_pred").GetDouble());
        }

        if (e.TryGetProperty("v_measure_score_beta", out JsonElement betas))
        {
            foreach (JsonElement b in betas.EnumerateArray())
            {
                c.AssertClose("v_measure_score", s.VMeasureWith(b.GetProperty("beta").GetDouble()),
                    b.GetProperty("value").GetDouble());
            }
        }

        JsonElement pcm = e.GetProperty("pair_confusion_matrix");
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 2; j++)
            {
                Assert.Equal((Int128)pcm[i][j].GetInt64(), s.PairConfusion[i, j]);
            }
        }

        if (e.TryGetProperty("contingency_matrix", out JsonElement matrix))
        {
            long[][] expected =
                [.. matrix.EnumerateArray().Select(r => r.EnumerateArray().Select(x => x.GetInt64()).ToArray())];
            Assert.Equal(expected.Length, table.RowCount);
            long[,] dense = table.ToArray();
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.Equal(expected[i], Enumerable.Range(0, table.ColumnCount).Select(j => dense[i, j]));
            }
        }
    }
}
