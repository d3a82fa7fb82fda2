using System.Globalization;
using System.Text.Json;

namespace MiFast.Tests.Golden;

/// <summary>One labeling of a reference case: integers, doubles or strings, as the JSON has them.</summary>
internal sealed record LabelColumn(long[]? Integers, double[]? Doubles, string[]? Strings)
{
    public int Length => Integers?.Length ?? Doubles?.Length ?? Strings!.Length;

    public IEnumerable<object> Boxed =>
        Integers?.Cast<object>() ?? Doubles?.Cast<object>() ?? Strings!.Cast<object>();

    public static LabelColumn Parse(JsonElement element)
    {
        // Expand {"runs": [[value, count], ...]} into a flat list of JSON values.
        var values = new List<JsonElement>();
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonElement run in element.GetProperty("runs").EnumerateArray())
            {
                int count = run[1].GetInt32();
                for (int k = 0; k < count; k++) values.Add(run[0]);
            }
        }
        else
        {
            values.AddRange(element.EnumerateArray());
        }

        // One type per labeling: strings; doubles when any number has a fraction or exponent.
        if (values.Count > 0 && values[0].ValueKind == JsonValueKind.String)
        {
            return new LabelColumn(null, null, [.. values.Select(v => v.GetString()!)]);
        }

        bool fractional = values.Any(v => v.GetRawText().IndexOfAny(['.', 'e', 'E']) >= 0);
        return fractional
            ? new LabelColumn(null, [.. values.Select(v => v.GetDouble())], null)
            : new LabelColumn([.. values.Select(v => v.GetInt64())], null, null);
    }

    /// <summary>Builds the table with the library, keeping each side's own label type.</summary>
    public ContingencyTable TableWith(LabelColumn pred, CountingKernel kernel) => this switch
    {
        { Integers: { } t } => pred.TableAgainst(t, kernel),
        { Doubles: { } t } => pred.TableAgainst(t, kernel),
        _ => pred.TableAgainst(Strings!, kernel),
    };

    private ContingencyTable TableAgainst<TTrue>(TTrue[] labelsTrue, CountingKernel kernel)
        where TTrue : notnull => this switch
        {
            { Integers: { } p } => ContingencyTable.Create<TTrue, long>(labelsTrue, p, kernel),
            { Doubles: { } p } => ContingencyTable.Create<TTrue, double>(labelsTrue, p, kernel),
            _ => ContingencyTable.Create<TTrue, string>(labelsTrue, Strings!, kernel),
        };
}

/// <summary>A case of ../shared/reference/cases.json (copied into tests/data/reference).</summary>
internal sealed class ReferenceCase
{
    private static readonly Lazy<IReadOnlyDictionary<string, ReferenceCase>> All = new(Load);

    private ReferenceCase(JsonElement json)
    {
        Id = json.GetProperty("id").GetString()!;
        Why = json.GetProperty("why").GetString()!;
        True = LabelColumn.Parse(json.GetProperty("labels_true"));
        Pred = LabelColumn.Parse(json.GetProperty("labels_pred"));
        Expected = json.GetProperty("expected").Clone();
        Tolerance = json.GetProperty("tolerance").Clone();
        Params = json.TryGetProperty("params", out JsonElement p) ? p.Clone() : default;
    }

    public string Id { get; }

    public string Why { get; }

    public LabelColumn True { get; }

    public LabelColumn Pred { get; }

    public JsonElement Expected { get; }

    public JsonElement Tolerance { get; }

    public JsonElement Params { get; }

    public static IReadOnlyDictionary<string, ReferenceCase> Cases => All.Value;

    public static string DataPath(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "data", .. parts]);

    public bool HasParam(string name, out JsonElement value)
    {
        value = default;
        return Params.ValueKind == JsonValueKind.Object && Params.TryGetProperty(name, out value);
    }

    public double ToleranceOf(string key) =>
        Tolerance.TryGetProperty(key, out JsonElement t) ? t.GetDouble() : Tolerance.GetProperty("default").GetDouble();

    /// <summary>|actual − expected| ≤ tol, or ≤ tol·|expected|; NaN never passes.</summary>
    public static bool Within(double actual, double expected, double tolerance)
    {
        if (double.IsNaN(actual)) return false;
        double error = Math.Abs(actual - expected);
        return error <= tolerance || error <= tolerance * Math.Abs(expected);
    }

    public void AssertClose(string key, double actual, double expected)
    {
        double tolerance = ToleranceOf(key);
        Assert.True(Within(actual, expected, tolerance), string.Create(CultureInfo.InvariantCulture,
            $"{Id}: {key} = {actual:R}, expected {expected:R} (tolerance {tolerance:R}; {Why})"));
    }

    private static IReadOnlyDictionary<string, ReferenceCase> Load()
    {
        using FileStream stream = File.OpenRead(DataPath("reference", "cases.json"));
        using JsonDocument document = JsonDocument.Parse(stream);
        return document.RootElement.GetProperty("cases").EnumerateArray()
            .Select(c => new ReferenceCase(c))
            .ToDictionary(c => c.Id);
    }
}
