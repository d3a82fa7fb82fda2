using System.Data.Common;
using System.Globalization;
using DuckDB.NET.Data;
using MiFast.Cli.Input;
using MiFast.Cli.Output;

namespace MiFast.Cli.Engines;

/// <summary><c>--engine duckdb</c>: the GROUP BY runs inside embedded DuckDB over the files, and
/// MiFast scores the (truth, pred, count) rows it returns.</summary>
/// <remarks>
/// <para>Parquet (<c>.parquet</c>) keeps its column types: integer columns are counted as 64-bit
/// integers, floating-point ones as doubles, strings as strings, anything else (dates, decimals,
/// booleans, 64-bit unsigned and wider integers) by its text. CSV/TSV (plain or <c>.gz</c>) is read with
/// every column as text (<c>all_varchar</c>), so that labels are the same opaque strings as in
/// direct scoring ("01" and "1" stay two labels).</para>
/// <para>A path may be a glob (<c>data/*.parquet</c>) over many files with the same columns.
/// Paths and column names reach SQL only as quoted literals and identifiers (quotes doubled), so
/// neither can change the query. A NULL (or empty CSV field) in a scored column is an error, as in
/// direct scoring.</para>
/// </remarks>
internal static class DuckDbCounts
{
    public static IReadOnlyList<ScoreRecord> Score(string path, string truth, IReadOnlyList<string> preds,
        AverageMethod averageMethod, double beta, ProgressReporter progress)
    {
        string source = Source(path);
        try
        {
            using var connection = new DuckDBConnection("Data Source=:memory:");
            connection.Open();
            IReadOnlyList<(string Name, string Type)> columns = Describe(connection, source);
            IReadOnlyList<string> header = [.. columns.Select(c => c.Name)];
            _ = LabelColumns.ColumnIndices(path, header, [truth, .. preds]);
            IReadOnlyList<string> scored = preds.Count > 0 ? preds : [.. header.Where(c => c != truth)];
            if (scored.Count == 0)
            {
                throw new CliException($"{path}: the truth '{truth}' is the only column; there is nothing to score.");
            }

            string typeOf(string column) => columns.First(c => c.Name == column).Type;
            return progress.Run($"counting {scored.Count} prediction(s) in DuckDB", scored.Count, reporter =>
            {
                var records = new List<ScoreRecord>();
                foreach (string pred in scored)
                {
                    ContingencyTable table = Count(connection, source, path, truth, typeOf(truth), pred, typeOf(pred));
                    records.Add(new ScoreRecord(truth, pred, ClusterMetrics.Compare(table, averageMethod, beta)));
                    reporter.Advance();
                }

                return (IReadOnlyList<ScoreRecord>)records;
            });
        }
        catch (DuckDBException e)
        {
            throw new CliException($"{path}: DuckDB: {LabelColumns.Printable(FirstLine(e.Message))}");
        }
    }

    /// <summary>The contingency table of one (truth, pred) pair of columns, counted by DuckDB.</summary>
    internal static ContingencyTable CountTable(string path, string truth, string pred)
    {
        string source = Source(path);
        try
        {
            using var connection = new DuckDBConnection("Data Source=:memory:");
            connection.Open();
            List<(string Name, string Type)> columns = Describe(connection, source);
            _ = LabelColumns.ColumnIndices(path, [.. columns.Select(c => c.Name)], [truth, pred]);
            return Count(connection, source, path, truth, columns.First(c => c.Name == truth).Type,
                pred, columns.First(c => c.Name == pred).Type);
        }
        catch (DuckDBException e)
        {
            throw new CliException($"{path}: DuckDB: {LabelColumns.Printable(FirstLine(e.Message))}");
        }
    }

    /// <summary>The table function that reads the path, by its extension.</summary>
    internal static string Source(string path)
    {
        bool glob = path.AsSpan().IndexOfAny("*?[") >= 0;
        if (!glob && Directory.Exists(path)) throw new CliException($"{path}: is a directory, not a label file.");
        if (!glob && !File.Exists(path)) throw new CliException($"{path}: no such file.");

        string name = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
        string literal = Literal(path);
        return Path.GetExtension(name).ToLowerInvariant() switch
        {
            ".parquet" or ".parq" => $"read_parquet({literal})",
            ".csv" => $"read_csv({literal}, header = true, all_varchar = true, delim = ',')",
            ".tsv" or ".tab" => $"read_csv({literal}, header = true, all_varchar = true, delim = '\\t')",
            _ => throw new CliException($"{path}: --engine duckdb reads .parquet, .csv and .tsv files "
                + "(optionally .gz for CSV/TSV); cannot tell this file's format from its name.",
                ExitCodes.UsageError),
        };
    }

    /// <summary>A SQL string literal: single quotes doubled (DuckDB has no backslash escapes in them).</summary>
    internal static string Literal(string text) => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";

    /// <summary>A SQL identifier: double quotes doubled.</summary>
    internal static string Identifier(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static List<(string Name, string Type)> Describe(DuckDBConnection connection, string source)
    {
        using DbCommand command = connection.CreateCommand();
        command.CommandText = $"DESCRIBE SELECT * FROM {source}";
        using DbDataReader reader = command.ExecuteReader();
        var columns = new List<(string, string)>();
        while (reader.Read()) columns.Add((reader.GetString(0), reader.GetString(1)));
        return columns;
    }

    private enum LabelKind
    {
        Integer,
        Real,
        Text,
    }

    private static LabelKind KindOf(string type) => type.ToUpperInvariant() switch
    {
        "TINYINT" or "SMALLINT" or "INTEGER" or "BIGINT" or "UTINYINT" or "USMALLINT" or "UINTEGER"
            => LabelKind.Integer,
        "FLOAT" or "DOUBLE" => LabelKind.Real,
        _ => LabelKind.Text,
    };

    private static string Expression(string column, LabelKind kind) => kind switch
    {
        LabelKind.Integer => $"CAST({Identifier(column)} AS BIGINT)",
        LabelKind.Real => $"CAST({Identifier(column)} AS DOUBLE)",
        _ => $"CAST({Identifier(column)} AS VARCHAR)",
    };

    private static ContingencyTable Count(DuckDBConnection connection, string source, string path,
        string truth, string truthType, string pred, string predType)
    {
        LabelKind truthKind = KindOf(truthType), predKind = KindOf(predType);
        using DbCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT {Expression(truth, truthKind)} AS t, {Expression(pred, predKind)} AS p, "
            + $"count(*) AS n FROM {source} GROUP BY ALL";
        using DbDataReader reader = command.ExecuteReader();

        var truths = new List<object>();
        var predictions = new List<object>();
        var counts = new List<long>();
        while (reader.Read())
        {
            for (int side = 0; side < 2; side++)
            {
                if (reader.IsDBNull(side))
                {
                    string column = side == 0 ? truth : pred;
                    long rows = reader.GetInt64(2);
                    throw new CliException(string.Create(CultureInfo.InvariantCulture,
                        $"{path}: column '{LabelColumns.Printable(column)}': {rows} row(s) have no label (NULL)."));
                }
            }

            // NaN is a missing value, as in direct scoring, not one more label.
            for (int side = 0; side < 2; side++)
            {
                if ((side == 0 ? truthKind : predKind) == LabelKind.Real && double.IsNaN(reader.GetDouble(side)))
                {
                    string column = side == 0 ? truth : pred;
                    long rows = reader.GetInt64(2);
                    throw new CliException(string.Create(CultureInfo.InvariantCulture,
                        $"{path}: column '{LabelColumns.Printable(column)}': {rows} row(s) have no label (NaN)."));
                }
            }

            truths.Add(reader.GetValue(0));
            predictions.Add(reader.GetValue(1));
            counts.Add(reader.GetInt64(2));
        }

        if (counts.Count == 0) throw new CliException($"{path}: no data rows.");
        return Build(Typed(truths, truthKind), Typed(predictions, predKind), [.. counts]);
    }

    private static Array Typed(List<object> values, LabelKind kind) => kind switch
    {
        LabelKind.Integer => values.Select(v => Convert.ToInt64(v, CultureInfo.InvariantCulture)).ToArray(),
        LabelKind.Real => values.Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToArray(),
        _ => values.Select(v => (string)v).ToArray(),
    };

    private static ContingencyTable Build(Array rows, Array columns, long[] counts) => rows switch
    {
        long[] r => Build(r, columns, counts),
        double[] r => Build(r, columns, counts),
        _ => Build((string[])rows, columns, counts),
    };

    private static ContingencyTable Build<TRow>(TRow[] rows, Array columns, long[] counts)
        where TRow : notnull => columns switch
        {
            long[] c => ContingencyTable.FromCounts<TRow, long>(rows, c, counts),
            double[] c => ContingencyTable.FromCounts<TRow, double>(rows, c, counts),
            _ => ContingencyTable.FromCounts<TRow, string>(rows, (string[])columns, counts),
        };

    private static string FirstLine(string message)
    {
        int end = message.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? message : message[..end].TrimEnd();
    }
}
