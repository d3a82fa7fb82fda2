using System.CommandLine;
using System.Globalization;
using MiFast.Analysis;
using MiFast.Cli.Input;
using nietras.SeparatedValues;
using Spectre.Console;

namespace MiFast.Cli.Commands;

/// <summary><c>mifast contributions FILE --truth COL --pred COL</c>: the mutual information split by
/// contingency cell, with the G-test and the Miller–Madow corrected MI.</summary>
internal static class ContributionsCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, Option<bool> quiet)
    {
        Argument<string?> file = AnalysisCommon.FileArgument(
            "CSV or TSV label file with a header row, optionally gzip. Without it, the embedded penguins sample.");
        Option<string?> truth = new("--truth", "-t") { Description = "The column of true labels (classes)." };
        Option<string?> pred = new("--pred", "-p") { Description = "The column of predicted labels (clusters)." };
        Option<string> format = AnalysisCommon.FormatOption();
        Option<LogBase> logBase = AnalysisCommon.LogBaseOption();
        Command command = new("contributions",
            "Each contingency cell's share of the mutual information: (n_ij/n) log(n n_ij / (a_i b_j)).")
        {
            file, truth, pred, format, logBase,
        };
        command.SetAction(parse => Run(parse.GetValue(file), parse.GetValue(truth), parse.GetValue(pred),
            parse.GetValue(format)!, parse.GetValue(logBase), stdout,
            parse.GetValue(quiet) ? TextWriter.Null : stderr));
        return command;
    }

    private static int Run(string? file, string? truth, string? pred, string format, LogBase logBase,
        TextWriter stdout, TextWriter stderr)
    {
        if (file is null)
        {
            truth ??= LabelColumns.SampleTruth;
            pred ??= "kmeans_k3";
            stderr.WriteLine($"mifast: no FILE given; using the embedded sample {LabelColumns.SampleName}: "
                + $"{truth} against {pred}.");
        }

        if (truth is null || pred is null)
        {
            throw new CliException("--truth COL and --pred COL are required with a FILE.", ExitCodes.UsageError);
        }

        string[][] columns = AnalysisCommon.ReadColumns(file, [truth, pred]);
        ContingencyTable<string, string> table = ContingencyTable.Create<string, string>(columns[0], columns[1]);
        var contributions = MutualInfoContributions<string, string>.Compute(table, logBase);
        GTestResult g = IndependenceTest.GTest(table);
        double millerMadow = logBase.FromNats(MillerMadow.MutualInfo(table));
        stdout.Write(format switch
        {
            "json" => Json(truth, pred, table, contributions, g, millerMadow),
            "csv" => Csv(table, contributions),
            _ => Table(truth, pred, table, contributions, g, millerMadow),
        });
        return ExitCodes.Success;
    }

    private static double Expected(ContingencyTable table, int row, int column) =>
        (double)table.RowSums[row] * table.ColumnSums[column] / table.SampleCount;

    private static string Json(string truth, string pred, ContingencyTable<string, string> table,
        MutualInfoContributions<string, string> contributions, GTestResult g, double millerMadow) =>
        AnalysisCommon.Json(json =>
        {
            json.WriteStartObject();
            json.WriteString("truth", truth);
            json.WriteString("pred", pred);
            json.WriteNumber("n_samples", table.SampleCount);
            json.WriteString("log_base", contributions.LogBase.ToString());
            json.WriteString("unit", contributions.LogBase.Unit);
            json.WriteNumber("mutual_info_score", contributions.MutualInfo);
            json.WriteNumber("miller_madow_mutual_info", millerMadow);
            json.WriteNumber("g_statistic", g.G);
            json.WriteNumber("degrees_of_freedom", g.DegreesOfFreedom);
            json.WriteNumber("p_value", g.PValue);
            json.WriteStartArray("rows");
            foreach (string label in contributions.RowLabels) json.WriteStringValue(label);
            json.WriteEndArray();
            json.WriteStartArray("columns");
            foreach (string label in contributions.ColumnLabels) json.WriteStringValue(label);
            json.WriteEndArray();
            json.WriteStartArray("cells");
            foreach (CellContribution<string, string> cell in contributions.Cells)
            {
                json.WriteStartObject();
                json.WriteString("truth", cell.RowLabel);
                json.WriteString("pred", cell.ColumnLabel);
                json.WriteNumber("count", cell.Count);
                json.WriteNumber("expected_count", Expected(table, cell.Row, cell.Column));
                json.WriteNumber("contribution", cell.Contribution);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });

    private static string Csv(ContingencyTable table, MutualInfoContributions<string, string> contributions)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (SepWriter writer = Sep.New(',').Writer(o => o with { Escape = true }).To(text))
        {
            foreach (CellContribution<string, string> cell in contributions.Cells)
            {
                using SepWriter.Row row = writer.NewRow();
                row["truth"].Set(cell.RowLabel);
                row["pred"].Set(cell.ColumnLabel);
                row["count"].Set(cell.Count.ToString(CultureInfo.InvariantCulture));
                row["expected_count"].Set(AnalysisCommon.R(Expected(table, cell.Row, cell.Column)));
                row["contribution"].Set(AnalysisCommon.R(cell.Contribution));
            }
        }

        return text.ToString();
    }

    /// <summary>Largest |contribution| first, then the totals.</summary>
    private static string Table(string truth, string pred, ContingencyTable table,
        MutualInfoContributions<string, string> contributions, GTestResult g, double millerMadow)
    {
        string unit = contributions.LogBase.Unit;
        var grid = new Table().Border(TableBorder.Simple);
        grid.AddColumn(new TableColumn(Markup.Escape(truth)));
        grid.AddColumn(new TableColumn(Markup.Escape(pred)));
        grid.AddColumn(new TableColumn("count").RightAligned());
        grid.AddColumn(new TableColumn("expected").RightAligned());
        grid.AddColumn(new TableColumn($"contribution ({unit})").RightAligned());
        foreach (CellContribution<string, string> cell in contributions.ByMagnitude())
        {
            grid.AddRow(new Text(cell.RowLabel), new Text(cell.ColumnLabel),
                new Text(cell.Count.ToString("N0", CultureInfo.InvariantCulture)),
                new Text(Expected(table, cell.Row, cell.Column).ToString("F2", CultureInfo.InvariantCulture)),
                new Text(AnalysisCommon.F(cell.Contribution)));
        }

        string totals = string.Create(CultureInfo.InvariantCulture,
            $"mutual information {AnalysisCommon.F(contributions.MutualInfo)} {unit} (sum of the cells); "
            + $"Miller-Madow {AnalysisCommon.F(millerMadow)} {unit}{Environment.NewLine}"
            + $"G-test: G = {g.G:F4}, df = {g.DegreesOfFreedom}, p = {g.PValue:G4}{Environment.NewLine}");
        int rowWidth = truth.Length, columnWidth = pred.Length;
        foreach (CellContribution<string, string> cell in contributions.Cells)
        {
            rowWidth = Math.Max(rowWidth, cell.RowLabel.Length);
            columnWidth = Math.Max(columnWidth, cell.ColumnLabel.Length);
        }

        return AnalysisCommon.Render(grid, 80 + rowWidth + columnWidth + unit.Length) + totals;
    }
}
