using System.Reflection;

namespace MiFast.Cli.Report;

/// <summary>plotly.js, minified, as shipped inside the Plotly.NET package (MIT licence): the
/// report embeds it inline so that it opens offline.</summary>
internal static class PlotlyScript
{
    private static readonly Lazy<(string Version, string Script)> Loaded = new(Load);

    /// <summary>The plotly.js version, such as "2.28.0".</summary>
    public static string Version => Loaded.Value.Version;

    /// <summary>The minified script.</summary>
    public static string Script => Loaded.Value.Script;

    private static (string, string) Load()
    {
        Assembly plotly = typeof(Plotly.NET.GenericChart).Assembly;
        string name = plotly.GetManifestResourceNames()
            .SingleOrDefault(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal)
                && n.EndsWith(".min.js", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("plotly.js is missing from the Plotly.NET assembly.");
        using Stream stream = plotly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        string version = name["Plotly.NET.plotly-".Length..^".min.js".Length];
        return (version, reader.ReadToEnd());
    }
}
