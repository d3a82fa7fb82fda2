using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MiFast.Contingency;

/// <summary>
/// The <see cref="CountingKernel.DenseByValue"/> path: two integer labelings of one type whose
/// value ranges span a small table are counted by value, with no remapping pass and no
/// separate min/max pass (each block is scanned for its ranges just before it is counted);
/// empty rows and columns (values between the labels in use) are dropped afterwards.
/// </summary>
internal static unsafe class ValueCounting
{
    /// <summary>The by-value table may have up to max(2^16, n) cells, and never more than 2^22
    /// (16 MiB of int counts per worker).</summary>
    private const long MaxCells = 1 << 22;

    public static ContingencyTable<TTrue, TPred>? TryCreate<TTrue, TPred>(ReadOnlySpan<TTrue> t,
        ReadOnlySpan<TPred> p, int workers)
        where TTrue : notnull
        where TPred : notnull
    {
        if (typeof(TTrue) != typeof(TPred) || t.IsEmpty) return null;
        Type type = typeof(TTrue);
        object? table =
            type == typeof(int) ? Try<TTrue, TPred, int, Int32Key>(t, p, workers)
            : type == typeof(long) ? Try<TTrue, TPred, long, Int64Key>(t, p, workers)
            : type == typeof(uint) ? Try<TTrue, TPred, uint, UInt32Key>(t, p, workers)
            : type == typeof(ulong) ? Try<TTrue, TPred, ulong, UInt64Key>(t, p, workers)
            : type == typeof(short) ? Try<TTrue, TPred, short, Int16Key>(t, p, workers)
            : type == typeof(ushort) ? Try<TTrue, TPred, ushort, UInt16Key>(t, p, workers)
            : type == typeof(byte) ? Try<TTrue, TPred, byte, ByteKey>(t, p, workers)
            : type == typeof(sbyte) ? Try<TTrue, TPred, sbyte, SByteKey>(t, p, workers)
            : null;
        return (ContingencyTable<TTrue, TPred>?)table;
    }

    private static object? Try<TTrue, TPred, T, TKey>(ReadOnlySpan<TTrue> t, ReadOnlySpan<TPred> p, int workers)
        where T : notnull
        where TKey : IOrderKey<T> =>
        TryCreate<T, TKey>(Cast<TTrue, T>(t), Cast<TPred, T>(p), workers);

    private static ContingencyTable<T, T>? TryCreate<T, TKey>(ReadOnlySpan<T> labelsTrue, ReadOnlySpan<T> labelsPred,
        int workers)
        where T : notnull
        where TKey : IOrderKey<T>
    {
        // Each worker scans and counts its own chunk, block by block (see BlockTable).
        int n = labelsTrue.Length;
        long limit = Math.Min(MaxCells, Math.Max(1L << 16, n));
        workers = DenseCounting.WorkersFor(n, workers);
        var parts = new BlockTable?[workers];
        var tooWide = new StrongBox<bool>();
        fixed (byte* t = &Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(labelsTrue)))
        fixed (byte* p = &Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(labelsPred)))
        {
            byte* tt = t, pp = p;
            if (workers == 1)
            {
                parts[0] = BlockTable.Count<T, TKey>(tt, pp, 0, n, limit, tooWide);
            }
            else
            {
                var options = new ParallelOptions { MaxDegreeOfParallelism = workers };
                Parallel.For(0, workers, options, w =>
                {
                    int start = (int)((long)n * w / workers), end = (int)((long)n * (w + 1) / workers);
                    parts[w] = BlockTable.Count<T, TKey>(tt, pp, start, end, limit, tooWide);
                });
            }
        }

        if (tooWide.Value) return null;

        // The value ranges seen by all workers; their tables are added into one of that size.
        ulong minTrue = ulong.MaxValue, maxTrue = 0, minPred = ulong.MaxValue, maxPred = 0;
        foreach (BlockTable? part in parts)
        {
            if (part is null) continue;
            (minTrue, maxTrue) = (Math.Min(minTrue, part.SeenTrue.Low), Math.Max(maxTrue, part.SeenTrue.High));
            (minPred, maxPred) = (Math.Min(minPred, part.SeenPred.Low), Math.Max(maxPred, part.SeenPred.High));
        }

        if (maxTrue - minTrue >= (ulong)limit || maxPred - minPred >= (ulong)limit) return null;
        int height = (int)(maxTrue - minTrue) + 1, width = (int)(maxPred - minPred) + 1;
        if ((long)height * width > limit) return null;
        var dense = new int[height * width];
        foreach (BlockTable? part in parts) part?.AddTo(dense, minTrue, minPred, width);

        // Keep the rows and columns in use; their values are the labels.
        var rowCode = new int[height];
        var columnCode = new int[width];
        var rowLabels = new List<T>();
        var columnLabels = new List<T>();
        Array.Fill(rowCode, -1);
        Array.Fill(columnCode, -1);
        for (int r = 0; r < height; r++)
        {
            ReadOnlySpan<int> row = dense.AsSpan(r * width, width);
            for (int c = 0; c < width; c++)
            {
                if (row[c] == 0) continue;
                if (rowCode[r] < 0)
                {
                    rowCode[r] = rowLabels.Count;
                    rowLabels.Add(TKey.FromKey(minTrue + (ulong)r));
                }

                columnCode[c] = 0;
            }
        }

        for (int c = 0; c < width; c++)
        {
            if (columnCode[c] < 0) continue;
            columnCode[c] = columnLabels.Count;
            columnLabels.Add(TKey.FromKey(minPred + (ulong)c));
        }

        CellList cells = ContingencyCounting.Compact(dense, width, rowCode, columnCode);
        return new ContingencyTable<T, T>([.. rowLabels], [.. columnLabels], cells);
    }

    /// <summary>An inclusive range of order keys.</summary>
    private readonly record struct KeyRange(ulong Low, ulong High)
    {
        public ulong Extent => High - Low;

        public KeyRange Union(KeyRange other) => new(Math.Min(Low, other.Low), Math.Max(High, other.High));

        public bool Contains(KeyRange other) => other.Low >= Low && other.High <= High;
    }

    /// <summary>
    /// One worker's by-value table, fused with the min/max scan: each block of labels is
    /// scanned for its value ranges while it is in cache and then counted, so the labels are
    /// read from memory once. A block outside the table's ranges grows the table (at least
    /// doubling the side that grew, so re-layouts are logarithmic in the range); a table that
    /// would pass the cell limit stops every worker, and the caller remaps instead.
    /// </summary>
    private sealed class BlockTable
    {
        /// <summary>4096 labels per side per block: 32 KiB of ints, still in L1/L2 when counted.</summary>
        private const int BlockSize = 4096;

        private KeyRange _rows, _columns;
        private int _height, _width, _lanes;
        private int[] _counts = [];

        public KeyRange SeenTrue { get; private set; }

        public KeyRange SeenPred { get; private set; }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static BlockTable? Count<T, TKey>(byte* t, byte* p, int start, int end, long limit,
            StrongBox<bool> tooWide)
            where TKey : IOrderKey<T>
        {
            BlockTable? table = null;
            for (int from = start; from < end; from += BlockSize)
            {
                // Scan the block's ranges; grow the table when it falls outside.
                if (Volatile.Read(ref tooWide.Value)) return null;
                int to = Math.Min(end, from + BlockSize);
                KeyRange blockTrue = BlockRange<T, TKey>(t, from, to), blockPred = BlockRange<T, TKey>(p, from, to);
                table ??= new BlockTable { SeenTrue = blockTrue, SeenPred = blockPred };
                if (!table.Cover(blockTrue, blockPred, limit))
                {
                    Volatile.Write(ref tooWide.Value, true);
                    return null;
                }

                // Count it (int labels without key conversions: the common case).
                int cells = table._height * table._width;
                if (typeof(T) == typeof(int))
                {
                    nint origin = (nint)Int32Key.FromKey(table._rows.Low) * table._width
                        + Int32Key.FromKey(table._columns.Low);
                    var pairs = new Int32ValuePairs((int*)t, (int*)p, origin, table._width);
                    DenseCounting.CountInto(pairs, from, to, table._counts, cells, table._lanes);
                }
                else
                {
                    var pairs = new ValuePairs<T, TKey>(t, p, table._rows.Low, table._columns.Low, table._width);
                    DenseCounting.CountInto(pairs, from, to, table._counts, cells, table._lanes);
                }
            }

            return table;
        }

        /// <summary>Adds the counts into a dense table whose first cell is (rowKey, columnKey)
        /// and which contains every range seen.</summary>
        public void AddTo(int[] dense, ulong rowKey, ulong columnKey, int width)
        {
            int cells = _height * _width;
            int[] folded = DenseCounting.Fold(_counts, cells, _lanes);
            int rowShift = (int)(SeenTrue.Low - rowKey), columnShift = (int)(SeenPred.Low - columnKey);
            int firstRow = (int)(SeenTrue.Low - _rows.Low), firstColumn = (int)(SeenPred.Low - _columns.Low);
            int rows = (int)SeenTrue.Extent + 1, columns = (int)SeenPred.Extent + 1;
            for (int r = 0; r < rows; r++)
            {
                DenseCounting.Add(dense.AsSpan((rowShift + r) * width + columnShift, columns),
                    folded.AsSpan((firstRow + r) * _width + firstColumn, columns));
            }
        }

        /// <summary>Makes the table cover the block's ranges; false when that passes the limit.</summary>
        private bool Cover(KeyRange blockTrue, KeyRange blockPred, long limit)
        {
            SeenTrue = SeenTrue.Union(blockTrue);
            SeenPred = SeenPred.Union(blockPred);
            if (_counts.Length != 0 && _rows.Contains(SeenTrue) && _columns.Contains(SeenPred)) return true;

            // What must be covered, then as much slack on a growing side as the limit allows.
            if (SeenTrue.Extent >= (ulong)limit || SeenPred.Extent >= (ulong)limit) return false;
            long needHeight = (long)SeenTrue.Extent + 1, needWidth = (long)SeenPred.Extent + 1;
            if (needHeight * needWidth > limit) return false;
            bool rowsGrew = _counts.Length == 0 || !_rows.Contains(SeenTrue);
            bool columnsGrew = _counts.Length == 0 || !_columns.Contains(SeenPred);
            long height = rowsGrew ? Math.Max(needHeight, 2L * _height) : _height;
            long width = columnsGrew ? Math.Max(needWidth, 2L * _width) : _width;
            height = Math.Max(needHeight, Math.Min(height, limit / width));
            width = Math.Max(needWidth, Math.Min(width, limit / height));
            if (height * width > limit) (height, width) = (needHeight, needWidth);

            // Place the new ranges around what was seen, slack on the side that grew, and move
            // the counts over. A side that did not grow is placed anew too when the limit made it
            // shorter (its slack given up for the other side): its old range no longer fits.
            KeyRange rows = rowsGrew || height != _height ? Place(_rows, SeenTrue, height) : _rows;
            KeyRange columns = columnsGrew || width != _width ? Place(_columns, SeenPred, width) : _columns;
            Relayout(rows, columns, (int)height, (int)width);
            return true;
        }

        /// <summary>A range of <paramref name="length"/> keys containing <paramref name="seen"/>:
        /// extended downwards if the keys grew below the old range, else upwards.</summary>
        private KeyRange Place(KeyRange old, KeyRange seen, long length)
        {
            ulong slack = (ulong)length - 1 - seen.Extent;
            bool downwards = _counts.Length != 0 && seen.Low < old.Low;
            ulong low = downwards ? seen.Low - Math.Min(slack, seen.Low)
                : Math.Min(seen.Low, ulong.MaxValue - ((ulong)length - 1));
            return new KeyRange(low, low + ((ulong)length - 1));
        }

        private void Relayout(KeyRange rows, KeyRange columns, int height, int width)
        {
            int lanes = DenseCounting.LanesFor((long)height * width);
            var counts = new int[(long)height * width * lanes];
            if (_counts.Length != 0)
            {
                // Old lanes fold into lane 0, whose rows move to their new place; the old slack
                // outside the new ranges holds only zeros.
                int[] folded = DenseCounting.Fold(_counts, _height * _width, _lanes);
                ulong rowFrom = Math.Max(_rows.Low, rows.Low), rowTo = Math.Min(_rows.High, rows.High);
                ulong columnFrom = Math.Max(_columns.Low, columns.Low);
                ulong columnTo = Math.Min(_columns.High, columns.High);
                int rowCount = rowFrom <= rowTo ? (int)(rowTo - rowFrom) + 1 : 0;
                int span = columnFrom <= columnTo ? (int)(columnTo - columnFrom) + 1 : 0;
                int oldRow = (int)(rowFrom - _rows.Low), newRow = (int)(rowFrom - rows.Low);
                for (int r = 0; r < rowCount && span > 0; r++)
                {
                    folded.AsSpan((oldRow + r) * _width + (int)(columnFrom - _columns.Low), span)
                        .CopyTo(counts.AsSpan((newRow + r) * width + (int)(columnFrom - columns.Low)));
                }
            }

            (_rows, _columns, _height, _width, _lanes, _counts) = (rows, columns, height, width, lanes, counts);
        }

        /// <summary>The key range of labels[from..to): vectorized for int and long.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static KeyRange BlockRange<T, TKey>(byte* labels, int from, int to)
            where TKey : IOrderKey<T>
        {
            if (typeof(T) == typeof(int))
            {
                (int min, int max) = MinMax.Vectorized(new ReadOnlySpan<int>((int*)labels + from, to - from));
                return new KeyRange(Int32Key.ToKey(min), Int32Key.ToKey(max));
            }

            if (typeof(T) == typeof(long))
            {
                (long min, long max) = MinMax.Vectorized(new ReadOnlySpan<long>((long*)labels + from, to - from));
                return new KeyRange(Int64Key.ToKey(min), Int64Key.ToKey(max));
            }

            ulong low = ulong.MaxValue, high = 0;
            for (int i = from; i < to; i++)
            {
                ulong key = TKey.ToKey(Unsafe.Add(ref Unsafe.AsRef<T>(labels), i));
                (low, high) = (Math.Min(low, key), Math.Max(high, key));
            }

            return new KeyRange(low, high);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<TTo> Cast<TFrom, TTo>(ReadOnlySpan<TFrom> span) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<TFrom, TTo>(ref MemoryMarshal.GetReference(span)), span.Length);
}
