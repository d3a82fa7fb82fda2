using System.Data.Common;
using DuckDB.NET.Data;
using MiFast.Cli.Engines;
using MiFast.Tests.Golden;

namespace MiFast.Tests.Cli;

/// <summary><c>mifast score --engine duckdb</c>: the GROUP BY inside embedded DuckDB gives the same
/// output as direct scoring, on CSV files and on Parquet files DuckDB writes itself.</summary>
public sealed class DuckDbEngineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mifast-duckdb-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, string> Files() => new()
    {
        { "digits.csv", "digit" },
        { "penguins.csv", "species" },
        { "iris.csv", "species" },
        { "wine.csv", "cultivar" },
        { "shuttle.csv.gz", "class" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void CsvGivesTheDirectOutput(string file, string truth)
    {
        string path = ReferenceCase.DataPath(file);
        Assert.Equal(CliRunner.Ok("score", path, "-t", truth, "-f", "json"),
            CliRunner.Ok("score", path, "-t", truth, "-f", "json", "--engine", "duckdb"));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ParquetWrittenByDuckDbGivesTheDirectOutput(string file, string truth)
    {
        string csv = ReferenceCase.DataPath(file);
        string parquet = Path.Combine(_dir, "labels.parquet");
        Execute($"COPY (SELECT * FROM read_csv({DuckDbCounts.Literal(csv)})) TO {DuckDbCounts.Literal(parquet)} "
            + "(FORMAT parquet)");
        Assert.Equal(CliRunner.Ok("score", csv, "-t", truth, "-f", "json", "--average-method", "max"),
            CliRunner.Ok("score", parquet, "-t", truth, "-f", "json", "--average-method", "max",
                "--engine", "duckdb"));
    }

    [Fact]
    public void GzipTsvGivesTheDirectOutput()
    {
        string csv = ReferenceCase.DataPath("wine.csv");
        string tsv = Path.Combine(_dir, "wine.tsv.gz");
        Execute($"COPY (SELECT * FROM read_csv({DuckDbCounts.Literal(csv)}, all_varchar = true)) TO "
            + $"{DuckDbCounts.Literal(tsv)} (FORMAT csv, DELIMITER '\t', HEADER, COMPRESSION gzip)");
        Assert.Equal(CliRunner.Ok("score", csv, "-t", "cultivar", "-f", "json"),
            CliRunner.Ok("score", tsv, "-t", "cultivar", "-f", "json", "--engine", "duckdb"));
        Assert.Equal(CliRunner.Ok("score", csv, "-t", "cultivar", "-f", "json"),
            CliRunner.Ok("score", tsv, "-t", "cultivar", "-f", "json"));
    }

    [Fact]
    public void GlobOverManyParquetFilesGivesTheDirectOutput()
    {
        string csv = ReferenceCase.DataPath("letter.csv.gz");
        for (int part = 0; part < 3; part++)
        {
            string target = Path.Combine(_dir, $"part-{part}.parquet");
            Execute($"COPY (SELECT * FROM read_csv({DuckDbCounts.Literal(csv)}) WHERE hash(letter, kmeans_k26) % 3 "
                + $"= {part}) TO {DuckDbCounts.Literal(target)} (FORMAT parquet)");
        }

        Assert.Equal(CliRunner.Ok("score", csv, "-t", "letter", "-f", "json"),
            CliRunner.Ok("score", Path.Combine(_dir, "*.parquet"), "-t", "letter", "-f", "json",
                "--engine", "duckdb"));
    }

    [Fact]
    public void IntegerColumnsStayIntegersAndStringsStayStrings()
    {
        string parquet = Path.Combine(_dir, "typed.parquet");
        Execute($"COPY (SELECT (i % 5)::INTEGER AS a, (i % 7)::BIGINT AS b, 'x' || (i % 3) AS s, "
            + $"(i % 4)::DOUBLE AS d FROM range(1000) t(i)) TO {DuckDbCounts.Literal(parquet)} (FORMAT parquet)");
        ContingencyTable ints = DuckDbCounts.CountTable(parquet, "a", "b");
        var typed = Assert.IsType<ContingencyTable<long, long>>(ints);
        Assert.Equal([0L, 1, 2, 3, 4], typed.RowLabels.ToArray());
        Assert.IsType<ContingencyTable<long, string>>(DuckDbCounts.CountTable(parquet, "a", "s"));
        Assert.IsType<ContingencyTable<string, double>>(DuckDbCounts.CountTable(parquet, "s", "d"));

        int[] a = [.. Enumerable.Range(0, 1000).Select(i => i % 5)];
        int[] b = [.. Enumerable.Range(0, 1000).Select(i => i % 7)];
        Assert.Equal(ClusterMetrics.AdjustedMutualInfoScore(a, b), ClusterMetrics.AdjustedMutualInfoScore(ints));
    }

    [Fact]
    public void CsvLabelsStayOpaqueStrings()
    {
        // "01" and "1" are two labels in direct scoring; DuckDB must not read them as one integer.
        string path = Path.Combine(_dir, "lead.csv");
        File.WriteAllText(path, "t,p\n01,a\n1,a\n01,b\n1,b\n");
        string direct = CliRunner.Ok("score", path, "-t", "t", "-f", "json");
        Assert.Contains("\"n_classes\": 2", direct, StringComparison.Ordinal);
        Assert.Equal(direct, CliRunner.Ok("score", path, "-t", "t", "-f", "json", "--engine", "duckdb"));
    }

    [Fact]
    public void QuotesInPathsAndColumnNamesCannotChangeTheQuery()
    {
        string dir = Directory.CreateDirectory(Path.Combine(_dir, "it's a \"dir\"")).FullName;
        string path = Path.Combine(dir, "o'neil.csv");
        string truth = "t\"; DROP TABLE x; --", pred = "p') --";
        File.WriteAllText(path, $"\"t\"\"; DROP TABLE x; --\",\"p') --\"\na,x\na,x\nb,y\nb,x\n");
        Assert.Equal(CliRunner.Ok("score", path, "-t", truth, "-p", pred, "-f", "json"),
            CliRunner.Ok("score", path, "-t", truth, "-p", pred, "-f", "json", "--engine", "duckdb"));
    }

    [Fact]
    public void NullLabelIsAnErrorNamingTheColumn()
    {
        string parquet = Path.Combine(_dir, "nulls.parquet");
        Execute($"COPY (SELECT i % 2 AS t, CASE WHEN i = 3 THEN NULL ELSE i % 3 END AS p FROM range(10) r(i)) "
            + $"TO {DuckDbCounts.Literal(parquet)} (FORMAT parquet)");
        (int exit, string stdout, string stderr) = CliRunner.Run("score", parquet, "-t", "t", "--engine", "duckdb");
        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Equal($"mifast: error: {parquet}: column 'p': 1 row(s) have no label (NULL).\n", stderr);
    }

    [Theory]
    [InlineData("--missing", "drop", "--missing drop cannot be combined with --engine duckdb, where a missing "
        + "label is always an error")]
    [InlineData("--missing", "label", "--missing label cannot be combined with --engine duckdb")]
    [InlineData("--input-format", "csv", "--input-format cannot be combined with --engine duckdb")]
    public void OptionsDuckDbWouldIgnoreAreUsageErrors(string option, string value, string message)
    {
        // Before: DuckDB silently ignored them (a NULL stayed an error under --missing drop).
        string csv = ReferenceCase.DataPath("iris.csv");
        (int exit, string stdout, string stderr) = CliRunner.Run(
            "score", csv, "-t", "species", "--engine", "duckdb", option, value);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.StartsWith($"mifast: error: {message}", stderr, StringComparison.Ordinal);

        // The default, said explicitly, is fine.
        Assert.Equal(CliRunner.Ok("score", csv, "-t", "species", "--engine", "duckdb", "-f", "csv"),
            CliRunner.Ok("score", csv, "-t", "species", "--engine", "duckdb", "-f", "csv", "--missing", "error"));
    }

    [Fact]
    public void NaNInAFloatColumnIsMissingAsInDirectScoring()
    {
        // Before: DuckDB counted NaN as one more label, where direct scoring stops at a missing value.
        string parquet = Path.Combine(_dir, "nan.parquet");
        Execute($"COPY (SELECT i % 2 AS t, CASE WHEN i IN (3, 7) THEN 'NaN'::DOUBLE ELSE (i % 3)::DOUBLE END AS p "
            + $"FROM range(10) r(i)) TO {DuckDbCounts.Literal(parquet)} (FORMAT parquet)");
        (int exit, string stdout, string stderr) = CliRunner.Run("score", parquet, "-t", "t");
        Assert.Equal(1, exit);
        Assert.Contains("column 'p': null (a missing label)", stderr, StringComparison.Ordinal);

        (exit, stdout, stderr) = CliRunner.Run("score", parquet, "-t", "t", "--engine", "duckdb");
        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Equal($"mifast: error: {parquet}: column 'p': 2 row(s) have no label (NULL or NaN).\n", stderr);

        // Without NaN, the float column is scored as direct scoring scores it.
        string plain = Path.Combine(_dir, "floats.parquet");
        Execute($"COPY (SELECT i % 2 AS t, (i % 3)::DOUBLE AS p FROM range(10) r(i)) "
            + $"TO {DuckDbCounts.Literal(plain)} (FORMAT parquet)");
        Assert.Equal(CliRunner.Ok("score", plain, "-t", "t", "-f", "json"),
            CliRunner.Ok("score", plain, "-t", "t", "-f", "json", "--engine", "duckdb"));
    }

    [Fact]
    public void UnknownColumnMissingFileAndEmptyGlobAreDataErrors()
    {
        string csv = ReferenceCase.DataPath("iris.csv");
        (int exit, _, string stderr) = CliRunner.Run("score", csv, "-t", "species", "-p", "nope", "--engine", "duckdb");
        Assert.Equal(1, exit);
        Assert.Equal($"mifast: error: {csv}: no column 'nope'; the columns are: species, kmeans_k3, ward_k3, "
            + "gmm_full_k3.\n", stderr);

        string missing = Path.Combine(_dir, "missing.parquet");
        (exit, _, stderr) = CliRunner.Run("score", missing, "-t", "t", "--engine", "duckdb");
        Assert.Equal(1, exit);
        Assert.Equal($"mifast: error: {missing}: no such file.\n", stderr);

        string glob = Path.Combine(_dir, "none-*.parquet");
        (exit, _, stderr) = CliRunner.Run("score", glob, "-t", "t", "--engine", "duckdb");
        Assert.Equal(1, exit);
        Assert.StartsWith($"mifast: error: {glob}: DuckDB: ", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void CorruptOrTruncatedParquetIsADataErrorAndNoOutputFile()
    {
        string csv = ReferenceCase.DataPath("iris.csv");
        string parquet = Path.Combine(_dir, "iris.parquet");
        Execute($"COPY (SELECT * FROM read_csv({DuckDbCounts.Literal(csv)})) TO {DuckDbCounts.Literal(parquet)} "
            + "(FORMAT parquet)");
        byte[] bytes = File.ReadAllBytes(parquet);
        string truncated = Path.Combine(_dir, "truncated.parquet");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        string garbage = Path.Combine(_dir, "garbage.parquet");
        File.WriteAllText(garbage, "species,kmeans_k3\nsetosa,1\n");
        string target = Path.Combine(_dir, "out.json");
        foreach (string path in new[] { truncated, garbage })
        {
            (int exit, string stdout, string stderr) = CliRunner.Run(
                "score", path, "-t", "species", "--engine", "duckdb", "-o", target);
            Assert.Equal(1, exit);
            Assert.Equal("", stdout);
            Assert.StartsWith($"mifast: error: {path}: DuckDB: ", stderr, StringComparison.Ordinal);
            Assert.Single(stderr.TrimEnd('\n').Split('\n'));
            Assert.False(File.Exists(target));
        }
    }

    [Fact]
    public void UnknownExtensionIsAUsageError()
    {
        string path = Path.Combine(_dir, "labels.json");
        File.WriteAllText(path, "[]");
        (int exit, _, string stderr) = CliRunner.Run("score", path, "-t", "t", "--engine", "duckdb");
        Assert.Equal(2, exit);
        Assert.Contains("--engine duckdb reads .parquet, .csv and .tsv files", stderr, StringComparison.Ordinal);
    }

    private static void Execute(string sql)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
