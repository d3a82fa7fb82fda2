using System.Globalization;
using MiFast.Cli.Input;
using Parquet;
using Parquet.Schema;

// bench/score_e2e.sh's helper (run by hand, not in CI):
//   to-parquet TRUTH.npy PRED.npy OUT.parquet ROW_GROUP_ROWS
//       two 1-D integer .npy files -> one Parquet file with int32 columns 'truth' and 'pred'
//   read FILE COLUMN...             read the columns of FILE through mifast's reader, no counting
//   read-pair TRUTH_FILE PRED_FILE  read each file's only column through mifast's reader
// 'read' and 'read-pair' open, select and read chunk by chunk exactly as 'mifast score' does
// (LabelFiles.Open, default chunk size, --missing error), and print the rows read.
return args switch
{
    ["to-parquet", string truth, string pred, string output, string groupRows] =>
        await ToParquet(truth, pred, output, int.Parse(groupRows, CultureInfo.InvariantCulture)),
    ["read", string file, .. string[] columns] when columns.Length > 0 => Read(Open(file, columns)),
    ["read-pair", string truth, string pred] => Read(Open(truth, null), Open(pred, null)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: to-parquet T.npy P.npy OUT.parquet ROWS | read FILE COL... | read-pair A B");
    return 2;
}

static LabelReader Open(string path, string[]? columns)
{
    LabelReader reader = LabelFiles.Open(path, null, LabelFiles.DefaultChunkRows);
    reader.Select(columns ?? [reader.Columns[0]], MissingPolicy.Error);
    return reader;
}

static int Read(params LabelReader[] readers)
{
    long rows = 0;
    foreach (LabelReader reader in readers)
    {
        using (reader)
        {
            while (reader.Read() > 0)
            {
            }

            rows += reader.RowsRead;
        }
    }

    Console.WriteLine(rows.ToString(CultureInfo.InvariantCulture));
    return 0;
}

static async Task<int> ToParquet(string truthPath, string predPath, string output, int groupRows)
{
    using LabelReader truth = Open(truthPath, null);
    using LabelReader pred = Open(predPath, null);
    DataField[] fields = [new DataField<int>("truth"), new DataField<int>("pred")];
    await using FileStream stream = File.Create(output);
    await using ParquetWriter writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
    var t = new int[groupRows];
    var p = new int[groupRows];
    int filled = 0;
    while (true)
    {
        // The .npy chunks (2^20 rows) are cut into row groups of groupRows.
        int count = truth.Read();
        if (count != pred.Read()) throw new InvalidDataException("the two .npy files differ in length");
        for (int i = 0; i < count; i++)
        {
            t[filled] = checked((int)truth.Values(0, count)[i]);
            p[filled++] = checked((int)pred.Values(0, count)[i]);
            if (filled == groupRows) await Flush(filled);
        }

        if (count == 0) break;
    }

    if (filled > 0) await Flush(filled);
    return 0;

    async Task Flush(int rows)
    {
        using ParquetRowGroupWriter group = writer.CreateRowGroup();
        await group.WriteAsync<int>(fields[0], t.AsMemory(0, rows));
        await group.WriteAsync<int>(fields[1], p.AsMemory(0, rows));
        filled = 0;
    }
}
