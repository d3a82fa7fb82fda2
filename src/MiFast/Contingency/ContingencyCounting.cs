namespace MiFast.Contingency;

/// <summary>Non-zero cells in row-major order: no zero counts, no repeated (row, column).</summary>
internal readonly record struct CellList(int[] Rows, int[] Columns, long[] Counts);

internal static class ContingencyCounting
{
    /// <summary>Dense tables stay within 2^26 cells (256 MiB of int counts at most).</summary>
    private const long MaxDenseCells = 1L << 26;

    public static CountingKernel Choose(int rowCount, int columnCount, int n)
    {
        long cells = (long)rowCount * columnCount;
        return cells <= Math.Min(MaxDenseCells, Math.Max(1L << 16, 2L * n))
            ? CountingKernel.Dense
            : CountingKernel.SortedKeys;
    }

    public static CellList Count(ReadOnlySpan<int> rows, int rowCount, ReadOnlySpan<int> columns,
        int columnCount, CountingKernel kernel)
    {
        if (kernel == CountingKernel.Auto) kernel = Choose(rowCount, columnCount, rows.Length);
        if (kernel == CountingKernel.Dense && (long)rowCount * columnCount > Array.MaxLength)
        {
            ThrowHelper.TableTooLargeForDense(rowCount, columnCount);
        }

        return kernel == CountingKernel.Dense
            ? CountDense(rows, rowCount, columns, columnCount)
            : CountSortedKeys(rows, columns, columnCount);
    }

    private static CellList CountDense(ReadOnlySpan<int> rows, int rowCount, ReadOnlySpan<int> columns,
        int columnCount)
    {
        // Count by offset (a span holds fewer than 2^31 labels, so int counts cannot overflow).
        var dense = new int[rowCount * columnCount];
        for (int i = 0; i < rows.Length; i++)
        {
            dense[rows[i] * columnCount + columns[i]]++;
        }

        // Keep the non-zero cells, row-major.
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
            (cellRows[k], cellColumns[k]) = Math.DivRem(offset, columnCount);
            cellCounts[k++] = dense[offset];
        }

        return new CellList(cellRows, cellColumns, cellCounts);
    }

    private static CellList CountSortedKeys(ReadOnlySpan<int> rows, ReadOnlySpan<int> columns, int columnCount)
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
