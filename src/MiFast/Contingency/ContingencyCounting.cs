using System.Runtime.CompilerServices;
namespace MiFast.Contingency;

/// <summary>Non-zero cells in row-major order: no zero counts, no repeated (row, column).</summary>
internal readonly record struct CellList(int[] Rows, int[] Columns, long[] Counts);

/// <summary>The kernels that count remapped code pairs (see <see cref="CountingKernel"/>).</summary>
internal static unsafe class ContingencyCounting
{
    /// <summary>Dense code tables stay within 2^24 cells (64 MiB of int counts per worker).</summary>
    private const long MaxDenseCells = 1L << 24;

    public static CountingKernel Choose(int rowCount, int columnCount, int n)
    {
        long cells = (long)rowCount * columnCount;
        return cells <= Math.Min(MaxDenseCells, Math.Max(1L << 16, 2L * n))
            ? CountingKernel.Dense
            : CountingKernel.RowBuckets;
    }

    public static CellList Count(int[] rows, int rowCount, int[] columns, int columnCount,
        CountingKernel kernel, int workers)
    {
        if (kernel is CountingKernel.Auto or CountingKernel.DenseByValue)
        {
            kernel = Choose(rowCount, columnCount, rows.Length);
        }

        return kernel switch
        {
            CountingKernel.Dense => CountDense(rows, rowCount, columns, columnCount, workers),
            CountingKernel.SortedKeys => CountSortedKeys(rows, columns, columnCount),
            _ => CountRowBuckets(rows, rowCount, columns, columnCount),
        };
    }

    private static CellList CountDense(int[] rows, int rowCount, int[] columns, int columnCount, int workers)
    {
        long cells = (long)rowCount * columnCount;
        if (cells > Array.MaxLength / 4) ThrowHelper.TableTooLargeForDense(rowCount, columnCount);
        int[] dense;
        fixed (int* r = rows)
        fixed (int* c = columns)
        {
            dense = DenseCounting.Count(new CodePairs(r, c, columnCount), rows.Length, (int)cells,
                DenseCounting.WorkersFor(rows.Length, workers));
        }

        return Compact(dense.AsSpan(0, (int)cells), columnCount, null, null);
    }

    /// <summary>
    /// The non-zero cells of a dense row-major table, with rows and columns renumbered by
    /// <paramref name="rowCode"/> and <paramref name="columnCode"/> (kept when null).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static CellList Compact(ReadOnlySpan<int> dense, int width, int[]? rowCode, int[]? columnCode)
    {
        int nonZero = 0;
        foreach (int count in dense)
        {
            if (count != 0) nonZero++;
        }

        var cellRows = new int[nonZero];
        var cellColumns = new int[nonZero];
        var cellCounts = new long[nonZero];
        int k = 0;
        for (int offset = 0; offset < dense.Length; offset++)
        {
            if (dense[offset] == 0) continue;
            (int row, int column) = Math.DivRem(offset, width);
            cellRows[k] = rowCode is null ? row : rowCode[row];
            cellColumns[k] = columnCode is null ? column : columnCode[column];
            cellCounts[k++] = dense[offset];
        }

        return new CellList(cellRows, cellColumns, cellCounts);
    }

    /// <summary>
    /// Two stable counting sorts, by column and then by row (an LSD radix sort whose digits are
    /// the codes), leave the items in row-major order; equal neighbours are then counted.
    /// O(n + R + C), no comparisons: every item its own cluster costs two scatters.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static CellList CountRowBuckets(int[] rows, int rowCount, int[] columns, int columnCount)
    {
        // By column: (row, column) pairs packed into one long, scattered to column buckets.
        int[] columnNext = BucketStarts(columns, columnCount);
        var byColumn = new long[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            byColumn[columnNext[columns[i]]++] = (long)rows[i] << 32 | (uint)columns[i];
        }

        // By row, stably: each row's columns arrive in increasing order.
        int[] rowNext = BucketStarts(rows, rowCount);
        int[] rowStart = rowNext[..rowCount];
        var byRow = new int[rows.Length];
        foreach (long pair in byColumn) byRow[rowNext[(int)(pair >> 32)]++] = (int)pair;

        // Count runs of equal columns within each row.
        int cells = 0;
        for (int r = 0; r < rowCount; r++)
        {
            int end = rowNext[r];
            for (int j = rowStart[r]; j < end; j++)
            {
                if (j == rowStart[r] || byRow[j] != byRow[j - 1]) cells++;
            }
        }

        var cellRows = new int[cells];
        var cellColumns = new int[cells];
        var cellCounts = new long[cells];
        int k = -1;
        for (int r = 0; r < rowCount; r++)
        {
            int end = rowNext[r];
            for (int j = rowStart[r]; j < end; j++)
            {
                if (j == rowStart[r] || byRow[j] != byRow[j - 1])
                {
                    k++;
                    cellRows[k] = r;
                    cellColumns[k] = byRow[j];
                }

                cellCounts[k]++;
            }
        }

        return new CellList(cellRows, cellColumns, cellCounts);
    }

    /// <summary>The start of each code's bucket (an exclusive prefix sum of the code counts).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int[] BucketStarts(int[] codes, int codeCount)
    {
        var starts = new int[codeCount];
        foreach (int code in codes) starts[code]++;
        int sum = 0;
        for (int c = 0; c < codeCount; c++) (starts[c], sum) = (sum, sum + starts[c]);
        return starts;
    }

    private static CellList CountSortedKeys(int[] rows, int[] columns, int columnCount)
    {
        // Pack each pair into one sortable key; row-major order is key order.
        var keys = new long[rows.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = (long)rows[i] * columnCount + columns[i];
        }

        Array.Sort(keys);
        return RunsOf(keys, columnCount);
    }

    /// <summary>Run-length counts of sorted packed keys.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static CellList RunsOf(long[] sortedKeys, int columnCount)
    {
        int runs = sortedKeys.Length == 0 ? 0 : 1;
        for (int i = 1; i < sortedKeys.Length; i++)
        {
            if (sortedKeys[i] != sortedKeys[i - 1]) runs++;
        }

        var cellRows = new int[runs];
        var cellColumns = new int[runs];
        var cellCounts = new long[runs];
        int k = -1;
        for (int i = 0; i < sortedKeys.Length; i++)
        {
            if (i == 0 || sortedKeys[i] != sortedKeys[i - 1])
            {
                k++;
                (long row, long column) = Math.DivRem(sortedKeys[i], columnCount);
                cellRows[k] = (int)row;
                cellColumns[k] = (int)column;
            }

            cellCounts[k]++;
        }

        return new CellList(cellRows, cellColumns, cellCounts);
    }
}
