using System.Globalization;

namespace MiFast.Cli.Input;

/// <summary>Where the labelings come from: one FILE with a truth column and prediction columns,
/// or a truth file and a prediction file; with no file, the embedded sample.</summary>
internal sealed record LabelRequest(
    string? File,
    string? TruthFile,
    string? PredFile,
    string? Truth,
    IReadOnlyList<string> Preds,
    InputFormat? Format = null,
    MissingPolicy Missing = MissingPolicy.Error,
    int ChunkRows = LabelFiles.DefaultChunkRows);

/// <summary>The contingency table of one prediction against the truth, and the rows dropped for a
/// missing value.</summary>
internal sealed record LabelPairTable(string Truth, string Pred, ContingencyTable Table, long Dropped);

/// <summary>
/// Streams the truth and every prediction through one <see cref="ContingencyAccumulator{TTrue, TPred}"/>
/// per prediction, chunk by chunk, so memory is bounded by the tables and one chunk of rows,
/// whatever the number of rows.
/// </summary>
internal static class LabelSources
{
    /// <summary>Reads the request's files once and counts a table per prediction.</summary>
    public static IReadOnlyList<LabelPairTable> Count(LabelRequest request, TextWriter stderr)
    {
        if (request.ChunkRows < 1)
        {
            throw new CliException(string.Create(CultureInfo.InvariantCulture,
                $"--chunk-rows must be at least 1, not '{request.ChunkRows}'."), ExitCodes.UsageError);
        }

        return request.TruthFile is not null || request.PredFile is not null
            ? CountTwoFiles(request, stderr)
            : CountOneFile(request, stderr);
    }

    private static IReadOnlyList<LabelPairTable> CountOneFile(LabelRequest request, TextWriter stderr)
    {
        string? truth = request.Truth;
        IReadOnlyList<string> preds = request.Preds;
        LabelReader reader;
        if (request.File is null)
        {
            truth ??= LabelFiles.SampleTruth;
            string against = preds.Count > 0 ? string.Join(", ", preds) : "every other column";
            stderr.WriteLine($"mifast: no FILE given; scoring the embedded sample {LabelFiles.SampleName} "
                + $"(Palmer penguins, 342 rows, CC0): {truth} against {against}.");
            reader = LabelFiles.OpenSample(request.ChunkRows);
        }
        else
        {
            if (truth is null)
            {
                throw new CliException("--truth COL is required with a FILE.", ExitCodes.UsageError);
            }

            reader = LabelFiles.Open(request.File, request.Format, request.ChunkRows);
        }

        using (reader)
        {
            // The truth first, so that a misspelled truth is named before anything else.
            LabelReader.ColumnIndices(reader.Name, reader.Columns, [truth]);
            if (preds.Count == 0) preds = [.. reader.Columns.Where(c => c != truth)];
            if (preds.Count == 0)
            {
                throw NothingToScore(reader.Name, truth);
            }

            reader.Select([truth, .. preds], request.Missing);
            var cursor = new Cursor(reader);
            Pair[] pairs = [.. preds.Select((p, i) => new Pair(p, cursor, i + 1))];
            return Tally(truth, cursor, pairs, null, stderr);
        }
    }

    private static IReadOnlyList<LabelPairTable> CountTwoFiles(LabelRequest request, TextWriter stderr)
    {
        if (request.File is not null || request.TruthFile is null || request.PredFile is null)
        {
            throw new CliException("--truth-file and --pred-file go together, and replace FILE: "
                + "give FILE, or both of them.", ExitCodes.UsageError);
        }

        using LabelReader truthReader = LabelFiles.Open(request.TruthFile, request.Format, request.ChunkRows);
        using LabelReader predReader = LabelFiles.Open(request.PredFile, request.Format, request.ChunkRows);

        // The truth: --truth, or the truth file's only column.
        string truth = request.Truth ?? (truthReader.Columns.Count == 1
            ? truthReader.Columns[0]
            : throw new CliException($"{truthReader.Name} has {truthReader.Columns.Count} columns "
                + $"({LabelFiles.Printable(string.Join(", ", truthReader.Columns))}); say which is the truth "
                + "with --truth COL.", ExitCodes.UsageError));
        truthReader.Select([truth], request.Missing);

        // The predictions: --pred, or every column of the prediction file.
        bool sameFile = Path.GetFullPath(request.TruthFile) == Path.GetFullPath(request.PredFile);
        IReadOnlyList<string> preds = request.Preds.Count > 0
            ? request.Preds
            : [.. predReader.Columns.Where(c => !sameFile || c != truth)];
        if (preds.Count == 0)
        {
            throw NothingToScore(predReader.Name, truth);
        }

        predReader.Select(preds, request.Missing);

        // Lengths the files state up front are compared before any row is read.
        if (truthReader.KnownRowCount is { } a && predReader.KnownRowCount is { } b && a != b)
        {
            throw LengthMismatch(truthReader.Name, a, predReader.Name, b);
        }

        var truthCursor = new Cursor(truthReader);
        var predCursor = new Cursor(predReader);
        Pair[] pairs = [.. preds.Select((p, i) => new Pair(p, predCursor, i))];
        return Tally(truth, truthCursor, pairs, predCursor, stderr);
    }

    /// <summary>Reads the selected columns of <paramref name="reader"/> once and counts a table for
    /// each pair (row column as the truth, column column as the prediction): every pair's
    /// accumulator is fed from the same chunk, the pairs of a chunk in parallel. A pair (i, i) is
    /// a column against itself. Memory is one chunk plus the tables.</summary>
    public static IReadOnlyList<LabelPairTable> CountPairs(LabelReader reader,
        IReadOnlyList<(int Row, int Column)> pairs, TextWriter stderr)
    {
        var accumulators = new ContingencyAccumulator<long, long>[pairs.Count];
        for (int k = 0; k < accumulators.Length; k++) accumulators[k] = new ContingencyAccumulator<long, long>();
        var dropped = new long[pairs.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        int count;
        while ((count = reader.Read()) > 0)
        {
            int m = count;
            Parallel.For(0, pairs.Count, options, () => new DropScratch(), (k, _, scratch) =>
            {
                (int row, int column) = pairs[k];
                dropped[k] += AddPresent(accumulators[k], reader.Values(row, m), reader.Missing(row, m),
                    reader.Values(column, m), reader.Missing(column, m), scratch);
                return scratch;
            }, _ => { });
        }

        if (reader.RowsRead == 0) throw new CliException($"{reader.Name}: {reader.NoRowsMessage}");

        var tables = new LabelPairTable[pairs.Count];
        long rows = reader.RowsRead;
        for (int k = 0; k < pairs.Count; k++)
        {
            string truth = reader.Selected[pairs[k].Row], pred = reader.Selected[pairs[k].Column];
            string what = pairs[k].Row == pairs[k].Column ? $"{truth} against itself" : $"{truth} against {pred}";
            if (dropped[k] > 0)
            {
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"mifast: {what}: dropped {dropped[k]} of {rows} rows with a missing label."));
            }

            if (dropped[k] == rows)
            {
                throw new CliException($"{what}: every row misses a label; nothing is left to score.");
            }

            tables[k] = new LabelPairTable(truth, pred, accumulators[k].ToTable(), dropped[k]);
        }

        ReportMissingLabels(reader, stderr);
        return tables;
    }

    /// <summary>Adds the rows where both labels are present (all of them unless --missing drop
    /// marked some); returns how many rows were left out.</summary>
    private static int AddPresent(ContingencyAccumulator<long, long> accumulator, ReadOnlySpan<long> t,
        ReadOnlySpan<bool> tMissing, ReadOnlySpan<long> p, ReadOnlySpan<bool> pMissing, DropScratch scratch)
    {
        if (tMissing.IsEmpty && pMissing.IsEmpty)
        {
            accumulator.Add(t, p);
            return 0;
        }

        int m = t.Length;
        if (scratch.True.Length < m)
        {
            scratch.True = new long[m];
            scratch.Pred = new long[m];
        }

        int kept = 0;
        for (int i = 0; i < m; i++)
        {
            if ((!tMissing.IsEmpty && tMissing[i]) || (!pMissing.IsEmpty && pMissing[i])) continue;
            scratch.True[kept] = t[i];
            scratch.Pred[kept++] = p[i];
        }

        accumulator.Add(scratch.True.AsSpan(0, kept), scratch.Pred.AsSpan(0, kept));
        return m - kept;
    }

    private static CliException NothingToScore(string file, string truth) =>
        new($"{file}: the truth '{truth}' is the only column; there is nothing to score.");

    private static CliException LengthMismatch(string truthFile, long truthRows, string predFile, long predRows) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"length mismatch: {truthFile} has {truthRows} rows but {predFile} has {predRows}; "
            + $"the truth and the predictions need one label per item each."));

    /// <summary>The counting loop: take as many rows as both cursors hold, add them to every
    /// prediction's accumulator, repeat until the files end (together, or it is an error).</summary>
    private static List<LabelPairTable> Tally(string truth, Cursor truthCursor, Pair[] pairs,
        Cursor? predCursor, TextWriter stderr)
    {
        var scratch = new DropScratch();
        while (true)
        {
            bool hasTruth = truthCursor.Fill();
            bool hasPred = predCursor?.Fill() ?? hasTruth;
            if (!hasTruth && !hasPred) break;
            if (hasTruth != hasPred)
            {
                // One file ended first: count the other's rest to name both lengths.
                Cursor longer = hasTruth ? truthCursor : predCursor!;
                while (longer.Fill()) longer.Advance(longer.Available);
                throw LengthMismatch(truthCursor.Reader.Name, truthCursor.Reader.RowsRead,
                    predCursor!.Reader.Name, predCursor.Reader.RowsRead);
            }

            int m = Math.Min(truthCursor.Available, predCursor?.Available ?? int.MaxValue);
            ReadOnlySpan<long> t = truthCursor.Values(0, m);
            ReadOnlySpan<bool> tMissing = truthCursor.Missing(0, m);
            foreach (Pair pair in pairs)
            {
                ReadOnlySpan<long> p = pair.Cursor.Values(pair.Column, m);
                ReadOnlySpan<bool> pMissing = pair.Cursor.Missing(pair.Column, m);
                pair.Dropped += AddPresent(pair.Accumulator, t, tMissing, p, pMissing, scratch);
            }

            truthCursor.Advance(m);
            predCursor?.Advance(m);
        }

        LabelReader truthReader = truthCursor.Reader;
        if (truthReader.RowsRead == 0) throw new CliException($"{truthReader.Name}: {truthReader.NoRowsMessage}");

        var tables = new List<LabelPairTable>(pairs.Length);
        foreach (Pair pair in pairs)
        {
            long rows = truthReader.RowsRead;
            if (pair.Dropped > 0)
            {
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"mifast: {truth} against {pair.Name}: dropped {pair.Dropped} of {rows} rows "
                    + $"with a missing label."));
            }

            if (pair.Dropped == rows)
            {
                throw new CliException(
                    $"{truth} against {pair.Name}: every row misses a label; nothing is left to score.");
            }

            tables.Add(new LabelPairTable(truth, pair.Name, pair.Accumulator.ToTable(), pair.Dropped));
        }

        ReportMissingLabels(truthCursor.Reader, stderr);
        if (predCursor is not null) ReportMissingLabels(predCursor.Reader, stderr);
        return tables;
    }

    private static void ReportMissingLabels(LabelReader reader, TextWriter stderr)
    {
        for (int k = 0; k < reader.Selected.Count; k++)
        {
            long missing = reader.MissingLabelled(k);
            if (missing == 0) continue;
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"mifast: {reader.Name}: column '{LabelFiles.Printable(reader.Selected[k])}': {missing} missing "
                + $"values scored as one label of their own."));
        }
    }

    /// <summary>Room for the rows kept by --missing drop (one per thread).</summary>
    private sealed class DropScratch
    {
        public long[] True { get; set; } = [];

        public long[] Pred { get; set; } = [];
    }

    /// <summary>A prediction column: where it is read and its accumulator.</summary>
    private sealed class Pair(string name, Cursor cursor, int column)
    {
        public string Name { get; } = name;

        public Cursor Cursor { get; } = cursor;

        public int Column { get; } = column;

        public ContingencyAccumulator<long, long> Accumulator { get; } = new();

        public long Dropped { get; set; }
    }

    /// <summary>A reader's current chunk and how much of it is used.</summary>
    private sealed class Cursor(LabelReader reader)
    {
        private int _count, _offset;

        public LabelReader Reader { get; } = reader;

        public int Available => _count - _offset;

        public bool Fill()
        {
            if (_offset < _count) return true;
            _count = Reader.Read();
            _offset = 0;
            return _count > 0;
        }

        public void Advance(int m) => _offset += m;

        public ReadOnlySpan<long> Values(int k, int m) => Reader.Values(k, _count).Slice(_offset, m);

        public ReadOnlySpan<bool> Missing(int k, int m)
        {
            ReadOnlySpan<bool> missing = Reader.Missing(k, _count);
            return missing.IsEmpty ? missing : missing.Slice(_offset, m);
        }
    }
}
