using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MiFast.Analysis;

namespace MiFast.Cli.Report;

/// <summary>What the report shows: one truth/prediction pair, optionally with scores.</summary>
internal sealed record ReportInput(
    string Source,
    string Truth,
    string Pred,
    ContingencyTable<string, string> Table,
    LogBase LogBase,
    AverageMethod AverageMethod,
    NoiseStudyResult Noise,
    ThresholdReport? Threshold);

/// <summary>The threshold part of the report: the sweep and the comparison.</summary>
internal sealed record ThresholdReport(string ScoreColumn, string Positive, ThresholdSearchResult Search,
    ThresholdEvaluation Fixed);

/// <summary>
/// Builds one self-contained HTML page: a table of scores with units, and plotly.js figures
/// (contingency counts, per-cell contributions, the noise curve and the threshold sweep) whose
/// data are inline JSON; plotly.js itself is inlined, so the file needs no network.
/// </summary>
/// <remarks>The page counts the figures that rendered into <c>data-plots-rendered</c> on its
/// body and lists script errors in <c>#report-errors</c>, so a headless browser can check it.</remarks>
internal static class HtmlReport
{
    /// <summary>Above this many cells the heatmaps drop their per-cell text (unreadable anyway).</summary>
    private const int MaxAnnotatedCells = 2500;

    /// <summary>The sweep is thinned to at most this many points for plotting.</summary>
    private const int MaxCurvePoints = 5000;

    public static string Build(ReportInput input)
    {
        var figures = new List<(string Id, string Title, string Caption, JsonObject Figure)>
        {
            ("contingency", "Contingency table", "Items per (true class, predicted cluster); rows are true labels.",
                ContingencyFigure(input)),
            ("contributions", "Per-cell contributions to the mutual information",
                "(n_ij/n) log(n n_ij / (a_i b_j)) in " + input.LogBase.Unit + ": red where a pair co-occurs more "
                + "than independence predicts, blue where less; the cells sum to the MI.",
                ContributionFigure(input)),
            ("noise", "Label-noise study",
                "Truth against itself with each label replaced by a uniformly random one with probability p: mean "
                + "± one standard deviation over " + input.Noise.Options.Repeats.ToString(CultureInfo.InvariantCulture)
                + " repeats.", NoiseFigure(input)),
        };
        if (input.Threshold is { } threshold)
        {
            figures.Add(("threshold", "Decision threshold sweep",
                "MI and accuracy of (score > t) against the truth, at every cut point between distinct scores.",
                ThresholdFigure(input, threshold)));
        }

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<title>MiFast report: ").Append(E(input.Truth)).Append(" vs ").Append(E(input.Pred));
        html.Append("</title>\n<style>\n").Append(Style).Append("</style>\n");

        // Errors are caught before plotly.js loads, so a failing script is reported too.
        html.Append("<script>window.reportErrors = [];\nwindow.addEventListener('error', function (e) {\n")
            .Append("  window.reportErrors.push(String(e.message));\n")
            .Append("  var el = document.getElementById('report-errors');\n")
            .Append("  if (el) { el.textContent = window.reportErrors.join('\\n'); el.hidden = false; }\n});\n")
            .Append("</script>\n");
        html.Append("<!-- plotly.js ").Append(PlotlyScript.Version)
            .Append(" (MIT licence, https://github.com/plotly/plotly.js), from the Plotly.NET package -->\n");
        html.Append("<script>").Append(PlotlyScript.Script.Replace("</script", "<\\/script", StringComparison.Ordinal))
            .Append("</script>\n</head>\n<body data-plots-rendered=\"0\">\n");
        html.Append("<pre id=\"report-errors\" hidden></pre>\n");
        html.Append("<h1>MiFast report</h1>\n<p class=\"meta\">").Append(E(input.Source)).Append(": truth <b>")
            .Append(E(input.Truth)).Append("</b> against <b>").Append(E(input.Pred)).Append("</b>, ")
            .Append(input.Table.SampleCount.ToString("N0", CultureInfo.InvariantCulture)).Append(" items. ")
            .Append("Information in ").Append(E(input.LogBase.Unit)).Append(" (log base ")
            .Append(E(input.LogBase.ToString())).Append(").</p>\n");
        html.Append(ScoresTable(input));
        foreach ((string id, string title, string caption, JsonObject _) in figures)
        {
            html.Append("<section>\n<h2>").Append(E(title)).Append("</h2>\n<p class=\"caption\">").Append(E(caption))
                .Append("</p>\n<div class=\"plot\" id=\"plot-").Append(id).Append("\"></div>\n</section>\n");
        }

        html.Append("<footer>Made by mifast (MiFast). Plots: plotly.js ").Append(PlotlyScript.Version)
            .Append(", embedded.</footer>\n");

        // The figures' data as JSON, escaped for a script element (<, > and & are \u-escaped).
        var all = new JsonObject();
        foreach ((string id, _, _, JsonObject figure) in figures) all[id] = figure;
        html.Append("<script>\nvar figures = ").Append(all.ToJsonString(JsonOptions)).Append(";\n");
        html.Append(RenderScript).Append("</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };

    private const string Style = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto; max-width: 1100px;
               padding: 0 1em; color: #222; }
        h1 { margin-bottom: 0.2em; } h2 { margin-top: 1.6em; border-bottom: 1px solid #ddd; }
        .meta, .caption { color: #555; }
        table.scores { border-collapse: collapse; font-variant-numeric: tabular-nums; }
        table.scores th, table.scores td { padding: 0.25em 0.8em; border-bottom: 1px solid #eee; text-align: left; }
        table.scores td.value { text-align: right; font-family: ui-monospace, monospace; }
        .plot { width: 100%; min-height: 420px; }
        #report-errors { color: #b00; background: #fee; padding: 0.5em; }
        footer { margin-top: 3em; color: #888; font-size: 0.9em; }

        """;

    private const string RenderScript = """
        (function () {
          var rendered = 0;
          var config = { displaylogo: false, responsive: true };
          Object.keys(figures).forEach(function (id) {
            var f = figures[id];
            Plotly.newPlot('plot-' + id, f.data, f.layout, config).then(function () {
              rendered += 1;
              document.body.setAttribute('data-plots-rendered', String(rendered));
            }, function (err) {
              window.reportErrors.push('plot ' + id + ': ' + err);
              var el = document.getElementById('report-errors');
              el.textContent = window.reportErrors.join('\n'); el.hidden = false;
            });
          });
        })();

        """;

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string N(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static string ScoresTable(ReportInput input)
    {
        ClusterScores s = ClusterMetrics.Compare(input.Table, input.AverageMethod);
        GTestResult g = IndependenceTest.GTest(input.Table);
        LogBase b = input.LogBase;
        string unit = b.Unit, method = input.AverageMethod.ToString().ToLowerInvariant();
        var rows = new List<(string Name, string Value, string Unit)>
        {
            ("classes (true labels)", s.ClassCount.ToString(CultureInfo.InvariantCulture), "count"),
            ("clusters (predicted labels)", s.ClusterCount.ToString(CultureInfo.InvariantCulture), "count"),
            ("mutual information", N(b.FromNats(s.MutualInfo)), unit),
            ("Miller-Madow corrected MI", N(b.FromNats(MillerMadow.MutualInfo(input.Table))), unit),
            ("entropy of truth H(U)", N(b.FromNats(s.EntropyTrue)), unit),
            ("entropy of prediction H(V)", N(b.FromNats(s.EntropyPred)), unit),
            ("variation of information", N(b.FromNats(s.VariationOfInformation)), unit),
            ($"normalized MI ({method})", N(s.NormalizedMutualInfo), "ratio in [0, 1]"),
            ($"adjusted MI ({method})", N(s.AdjustedMutualInfo), "≤ 1, 0 at chance"),
            ("adjusted Rand", N(s.AdjustedRand), "≤ 1, 0 at chance"),
            ("Rand", N(s.Rand), "ratio in [0, 1]"),
            ("homogeneity", N(s.Homogeneity), "ratio in [0, 1]"),
            ("completeness", N(s.Completeness), "ratio in [0, 1]"),
            ("V-measure", N(s.VMeasure), "ratio in [0, 1]"),
            ("Fowlkes-Mallows", N(s.FowlkesMallows), "ratio in [0, 1]"),
            ("G-test statistic G = 2 n MI", N(g.G), "χ² units"),
            ("G-test degrees of freedom", g.DegreesOfFreedom.ToString(CultureInfo.InvariantCulture), "(R−1)(C−1)"),
            ("G-test p-value", g.PValue.ToString("G4", CultureInfo.InvariantCulture), "probability"),
        };
        if (input.Threshold is { } t)
        {
            rows.Add(("positive class (for the threshold)", $"{input.Truth} = {t.Positive}", "label"));
            rows.Add(($"MI-optimal threshold on {t.ScoreColumn}", N(t.Search.Best.Threshold), "score units"));
            rows.Add(("MI at the optimal threshold", N(b.FromNats(t.Search.Best.MutualInfo)), unit));
            rows.Add(("accuracy at the optimal threshold", N(t.Search.Best.Accuracy), "fraction"));
            rows.Add((string.Create(CultureInfo.InvariantCulture, $"MI at threshold {t.Fixed.Threshold:R}"),
                N(b.FromNats(t.Fixed.MutualInfo)), unit));
            rows.Add((string.Create(CultureInfo.InvariantCulture, $"accuracy at threshold {t.Fixed.Threshold:R}"),
                N(t.Fixed.Accuracy), "fraction"));
        }

        var html = new StringBuilder("<section>\n<h2>Scores</h2>\n<table class=\"scores\">\n");
        html.Append("<tr><th>score</th><th>value</th><th>unit</th></tr>\n");
        foreach ((string name, string value, string u) in rows)
        {
            html.Append("<tr><td>").Append(E(name)).Append("</td><td class=\"value\">").Append(E(value))
                .Append("</td><td>").Append(E(u)).Append("</td></tr>\n");
        }

        return html.Append("</table>\n</section>\n").ToString();
    }

    private static JsonArray Strings(ReadOnlySpan<string> labels)
    {
        var array = new JsonArray();
        foreach (string label in labels) array.Add(label);
        return array;
    }

    private static JsonObject CategoryAxis(string title, bool reversed = false)
    {
        var axis = new JsonObject { ["title"] = new JsonObject { ["text"] = title }, ["type"] = "category" };
        if (reversed) axis["autorange"] = "reversed";
        return axis;
    }

    private static JsonObject ContingencyFigure(ReportInput input)
    {
        ContingencyTable<string, string> table = input.Table;
        long[,] counts = table.ToArray();
        var z = new JsonArray();
        for (int i = 0; i < table.RowCount; i++)
        {
            var row = new JsonArray();
            for (int j = 0; j < table.ColumnCount; j++) row.Add(counts[i, j]);
            z.Add(row);
        }

        var trace = new JsonObject
        {
            ["type"] = "heatmap",
            ["z"] = z,
            ["x"] = Strings(table.ColumnLabels),
            ["y"] = Strings(table.RowLabels),
            ["colorscale"] = "Blues",
            ["reversescale"] = true,  // plotly's Blues runs dark to light; more items, darker
            ["colorbar"] = new JsonObject { ["title"] = new JsonObject { ["text"] = "items" } },
            ["hovertemplate"] = "truth %{y}<br>pred %{x}<br>%{z} items<extra></extra>",
        };
        if ((long)table.RowCount * table.ColumnCount <= MaxAnnotatedCells) trace["texttemplate"] = "%{z}";
        return Figure([trace], new JsonObject
        {
            ["xaxis"] = CategoryAxis(input.Pred + " (predicted)"),
            ["yaxis"] = CategoryAxis(input.Truth + " (true)", reversed: true),
        });
    }

    private static JsonObject ContributionFigure(ReportInput input)
    {
        ContingencyTable<string, string> table = input.Table;
        var contributions = MutualInfoContributions<string, string>.Compute(table, input.LogBase);
        double[,] values = contributions.ToArray();
        long[,] counts = table.ToArray();
        double largest = 0;
        foreach (CellContribution<string, string> c in contributions.Cells)
        {
            largest = Math.Max(largest, Math.Abs(c.Contribution));
        }

        var z = new JsonArray();
        for (int i = 0; i < table.RowCount; i++)
        {
            var row = new JsonArray();
            for (int j = 0; j < table.ColumnCount; j++)
            {
                row.Add(counts[i, j] == 0 ? null : JsonValue.Create(values[i, j]));  // empty: no colour
            }

            z.Add(row);
        }

        double bound = largest > 0 ? largest : 1;
        var trace = new JsonObject
        {
            ["type"] = "heatmap",
            ["z"] = z,
            ["x"] = Strings(table.ColumnLabels),
            ["y"] = Strings(table.RowLabels),
            ["colorscale"] = "RdBu",  // plotly's RdBu runs blue (zmin) to red (zmax): red is positive
            ["zmid"] = 0,
            ["zmin"] = -bound,
            ["zmax"] = bound,
            ["colorbar"] = new JsonObject { ["title"] = new JsonObject { ["text"] = input.LogBase.Unit } },
            ["hovertemplate"] = "truth %{y}<br>pred %{x}<br>%{z:.4f} " + input.LogBase.Unit + "<extra></extra>",
        };
        if ((long)table.RowCount * table.ColumnCount <= MaxAnnotatedCells) trace["texttemplate"] = "%{z:.3f}";
        return Figure([trace], new JsonObject
        {
            ["xaxis"] = CategoryAxis(input.Pred + " (predicted)"),
            ["yaxis"] = CategoryAxis(input.Truth + " (true)", reversed: true),
            ["title"] = new JsonObject
            {
                ["text"] = string.Create(CultureInfo.InvariantCulture,
                    $"sum of cells = MI = {contributions.MutualInfo:0.######} {input.LogBase.Unit}"),
            },
        });
    }

    private static JsonObject NoiseFigure(ReportInput input)
    {
        NoiseStudyResult noise = input.Noise;
        var p = new JsonArray();
        var mean = new JsonArray();
        var upper = new JsonArray();
        var lower = new JsonArray();
        var nmi = new JsonArray();
        var ami = new JsonArray();
        foreach (NoiseStudyRow row in noise.Curve)
        {
            p.Add(row.Probability);
            mean.Add(row.MutualInfo.Mean);
            upper.Add(row.MutualInfo.Mean + row.MutualInfo.StandardDeviation);
            lower.Add(row.MutualInfo.Mean - row.MutualInfo.StandardDeviation);
            nmi.Add(row.NormalizedMutualInfo.Mean);
            ami.Add(row.AdjustedMutualInfo.Mean);
        }

        string unit = noise.Options.LogBase.Unit;
        double first = noise.Curve.Count > 0 ? noise.Curve[0].Probability : 0;
        double last = noise.Curve.Count > 0 ? noise.Curve[^1].Probability : 1;
        JsonObject[] traces =
        [
            new() { ["type"] = "scatter", ["mode"] = "lines", ["x"] = p.DeepClone(), ["y"] = lower,
                ["line"] = new JsonObject { ["width"] = 0 }, ["showlegend"] = false, ["hoverinfo"] = "skip" },
            new() { ["type"] = "scatter", ["mode"] = "lines", ["x"] = p.DeepClone(), ["y"] = upper,
                ["fill"] = "tonexty", ["fillcolor"] = "rgba(31,119,180,0.2)",
                ["line"] = new JsonObject { ["width"] = 0 }, ["name"] = "MI ± 1 sd" },
            new() { ["type"] = "scatter", ["mode"] = "lines+markers", ["x"] = p.DeepClone(), ["y"] = mean,
                ["name"] = $"MI mean ({unit})", ["line"] = new JsonObject { ["color"] = "rgb(31,119,180)" } },
            new() { ["type"] = "scatter", ["mode"] = "lines", ["x"] = new JsonArray(first, last),
                ["y"] = new JsonArray(noise.LogClassCount, noise.LogClassCount),
                ["name"] = $"log K = {N(noise.LogClassCount)} {unit}",
                ["line"] = new JsonObject { ["dash"] = "dash", ["color"] = "gray" } },
            new() { ["type"] = "scatter", ["mode"] = "lines", ["x"] = p.DeepClone(), ["y"] = nmi,
                ["name"] = "NMI mean", ["yaxis"] = "y2",
                ["line"] = new JsonObject { ["dash"] = "dot", ["color"] = "rgb(44,160,44)" } },
            new() { ["type"] = "scatter", ["mode"] = "lines", ["x"] = p, ["y"] = ami,
                ["name"] = "AMI mean", ["yaxis"] = "y2",
                ["line"] = new JsonObject { ["dash"] = "dashdot", ["color"] = "rgb(148,103,189)" } },
        ];
        return Figure(traces, new JsonObject
        {
            ["xaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = "noise probability p" } },
            ["yaxis"] = new JsonObject
            {
                ["title"] = new JsonObject { ["text"] = $"mutual information ({unit})" },
                ["rangemode"] = "tozero",
            },
            ["yaxis2"] = new JsonObject
            {
                ["title"] = new JsonObject { ["text"] = "NMI, AMI" },
                ["overlaying"] = "y",
                ["side"] = "right",
                ["range"] = new JsonArray(-0.05, 1.05),
            },
            ["legend"] = new JsonObject { ["orientation"] = "h", ["y"] = -0.2 },
        });
    }

    private static JsonObject ThresholdFigure(ReportInput input, ThresholdReport t)
    {
        var x = new JsonArray();
        var mi = new JsonArray();
        var accuracy = new JsonArray();
        IReadOnlyList<ThresholdPoint> curve = t.Search.Curve;
        int stride = Math.Max(1, (curve.Count + MaxCurvePoints - 1) / MaxCurvePoints);
        for (int k = 0; k < curve.Count; k++)
        {
            ThresholdPoint point = curve[k];
            bool keep = k % stride == 0 || point.Threshold == t.Search.Best.Threshold;
            if (!keep || !double.IsFinite(point.Threshold)) continue;  // ±∞ cannot be plotted
            x.Add(point.Threshold);
            mi.Add(input.LogBase.FromNats(point.MutualInfo));
            accuracy.Add(point.Accuracy);
        }

        string unit = input.LogBase.Unit;
        var shapes = new JsonArray();
        var annotations = new JsonArray();
        void Mark(double at, string text, string color)
        {
            if (!double.IsFinite(at)) return;
            shapes.Add(new JsonObject
            {
                ["type"] = "line",
                ["x0"] = at,
                ["x1"] = at,
                ["yref"] = "paper",
                ["y0"] = 0,
                ["y1"] = 1,
                ["line"] = new JsonObject { ["color"] = color, ["dash"] = "dash" },
            });
            annotations.Add(new JsonObject
            {
                ["x"] = at,
                ["yref"] = "paper",
                ["y"] = 1.02,
                ["text"] = text,
                ["showarrow"] = false,
                ["font"] = new JsonObject { ["color"] = color },
            });
        }

        Mark(t.Search.Best.Threshold, "MI-optimal " + N(t.Search.Best.Threshold), "crimson");
        Mark(t.Fixed.Threshold, "fixed " + N(t.Fixed.Threshold), "gray");
        JsonObject[] traces =
        [
            new() { ["type"] = "scatter", ["mode"] = "lines", ["x"] = x.DeepClone(), ["y"] = mi,
                ["name"] = $"MI ({unit})" },
            new() { ["type"] = "scatter", ["mode"] = "lines", ["x"] = x, ["y"] = accuracy, ["name"] = "accuracy",
                ["yaxis"] = "y2" },
        ];
        return Figure(traces, new JsonObject
        {
            ["xaxis"] = new JsonObject
            {
                ["title"] = new JsonObject { ["text"] = $"threshold t on {t.ScoreColumn} (positive: score > t)" },
            },
            ["yaxis"] = new JsonObject
            {
                ["title"] = new JsonObject { ["text"] = $"mutual information ({unit})" },
                ["rangemode"] = "tozero",
            },
            ["yaxis2"] = new JsonObject
            {
                ["title"] = new JsonObject { ["text"] = "accuracy" },
                ["overlaying"] = "y",
                ["side"] = "right",
                ["range"] = new JsonArray(0, 1.02),
            },
            ["shapes"] = shapes,
            ["annotations"] = annotations,
            ["legend"] = new JsonObject { ["orientation"] = "h", ["y"] = -0.2 },
        });
    }

    private static JsonObject Figure(JsonObject[] traces, JsonObject layout)
    {
        var data = new JsonArray();
        foreach (JsonObject trace in traces) data.Add(trace);
        layout["margin"] = new JsonObject { ["t"] = 40 };
        layout["height"] = 460;
        return new JsonObject { ["data"] = data, ["layout"] = layout };
    }
}
