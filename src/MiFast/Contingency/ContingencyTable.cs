using System.Runtime.CompilerServices;
using MiFast.Contingency;
using MiFast.Metrics;

namespace MiFast;

/// <summary>
/// The contingency table of two labelings of the same n items: cell (i, j) counts the items
/// whose true label is the i-th smallest true label and whose predicted label is the j-th
/// smallest predicted label. Every score in <see cref="ClusterMetrics"/> is a function of
/// this table alone.
/// </summary>
/// <remarks>
/// <para>Only the non-zero cells are stored, in row-major order, so a table of n items never
/// holds more than n cells whatever R × C is:</para>
/// <code>
///            columns (predicted labels, ascending)
///            j=0    j=1    j=2      RowSums a_i
///   i=0  [   n00          n02  ]    a_0 = n00 + n02
///   i=1  [          n11        ]    a_1 = n11
///   i=2  [   n20    n21        ]    a_2 = n20 + n21
///   ColumnSums b_j: b_0 = n00 + n20, b_1 = n11 + n21, b_2 = n02;  n = Σ a_i = Σ b_j
///
///   CellRows    = [0,   0,   1,   2,   2  ]
///   CellColumns = [0,   2,   1,   0,   1  ]
///   CellCounts  = [n00, n02, n11, n20, n21]
/// </code>
/// <para>Counts are 64-bit. Every row and column has a positive sum.</para>
/// </remarks>
public class ContingencyTable
{
    private readonly int _rowCount;
    private readonly int _columnCount;
    private CellStore? _cells;
    private long[]? _rowSums;
    private long[]? _columnSums;

    // A singleton side (R = n or C = n): every cell counts 1, so the item codes are the table.
    // The cells, and the all-ones marginals of that side, are laid out only when asked for.
    private readonly int[]? _itemRows;
    private readonly int[]? _itemColumns;
    private InformationSums? _information;
    private PairCounts? _pairs;
    private double _expectedMutualInfo = double.NaN;

    private protected ContingencyTable(int rowCount, int columnCount, CellList cells)
    {
        (_rowCount, _columnCount) = (rowCount, columnCount);
        _rowSums = new long[rowCount];
        _columnSums = new long[columnCount];
        var rowStarts = new int[rowCount + 1];

        // Marginals and row starts in one pass; n is checked against overflow.
        long n = 0;
        for (int k = 0; k < cells.Counts.Length; k++)
        {
            long count = cells.Counts[k];
            _rowSums[cells.Rows[k]] += count;
            _columnSums[cells.Columns[k]] += count;
            rowStarts[cells.Rows[k] + 1]++;
            n = checked(n + count);
        }

        for (int i = 0; i < rowCount; i++) rowStarts[i + 1] += rowStarts[i];
        _cells = new CellStore(cells.Rows, cells.Columns, cells.Counts, rowStarts);
        SampleCount = n;
    }

    /// <summary>A table with a singleton side: item k has row code <paramref name="itemRows"/>[k]
    /// and column code <paramref name="itemColumns"/>[k], and R = n or C = n.</summary>
    private protected ContingencyTable(int rowCount, int columnCount, int[] itemRows, int[] itemColumns)
    {
        (_rowCount, _columnCount) = (rowCount, columnCount);
        (_itemRows, _itemColumns) = (itemRows, itemColumns);
        SampleCount = itemRows.Length;

        // Only the other side's sizes need counting.
        if (rowCount != itemRows.Length) _rowSums = Histogram(itemRows, rowCount);
        if (columnCount != itemColumns.Length) _columnSums = Histogram(itemColumns, columnCount);
    }

    /// <summary>R, the number of distinct true labels (classes).</summary>
    public int RowCount => _rowCount;

    /// <summary>C, the number of distinct predicted labels (clusters).</summary>
    public int ColumnCount => _columnCount;

    /// <summary>n, the number of items: the sum of all counts.</summary>
    public long SampleCount { get; }

    /// <summary>The number of non-zero cells.</summary>
    public int CellCount => _cells?.Counts.Length ?? (int)SampleCount;

    /// <summary>a_i = Σ_j n_ij, the size of each class.</summary>
    public ReadOnlySpan<long> RowSums => _rowSums ??= Ones(RowCount);

    /// <summary>b_j = Σ_i n_ij, the size of each cluster.</summary>
    public ReadOnlySpan<long> ColumnSums => _columnSums ??= Ones(ColumnCount);

    /// <summary>The row of each non-zero cell (row-major order).</summary>
    public ReadOnlySpan<int> CellRows => Cells.Rows;

    /// <summary>The column of each non-zero cell (row-major order).</summary>
    public ReadOnlySpan<int> CellColumns => Cells.Columns;

    /// <summary>The count n_ij of each non-zero cell (row-major order), always positive.</summary>
    public ReadOnlySpan<long> CellCounts => Cells.Counts;

    /// <summary>Whether both labelings describe the same partition (one cell per row and per
    /// column), so that every similarity score is 1.</summary>
    public bool IsSamePartition => CellCount == RowCount && CellCount == ColumnCount;

    /// <summary>Every true label is used once (R = n): all row sums and cells are 1.</summary>
    internal bool SingletonRows => RowCount == SampleCount && SampleCount > 0;

    /// <summary>Every predicted label is used once (C = n): all column sums and cells are 1.</summary>
    internal bool SingletonColumns => ColumnCount == SampleCount && SampleCount > 0;

    internal InformationSums Information => _information ??= InformationSums.Compute(this);

    internal PairCounts Pairs => _pairs ??= PairCounts.Compute(this);

    internal double ExpectedMutualInfo
    {
        get
        {
            if (double.IsNaN(_expectedMutualInfo)) _expectedMutualInfo = Metrics.ExpectedMutualInfo.Compute(this);
            return _expectedMutualInfo;
        }
    }

    /// <summary>The count n_ij of one cell, zero where no item has that pair of labels.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A row or column index is out of range.</exception>
    public long this[int row, int column]
    {
        get
        {
            if ((uint)row >= (uint)RowCount) ThrowHelper.CellOutOfRange(nameof(row), row, RowCount);
            if ((uint)column >= (uint)ColumnCount) ThrowHelper.CellOutOfRange(nameof(column), column, ColumnCount);
            CellStore cells = Cells;
            int start = cells.RowStarts[row];
            int found = Array.BinarySearch(cells.Columns, start, cells.RowStarts[row + 1] - start, column);
            return found >= 0 ? cells.Counts[found] : 0;
        }
    }

    /// <summary>The table as a dense R × C array.</summary>
    /// <exception cref="InvalidOperationException">R × C exceeds the largest array.</exception>
    public long[,] ToArray()
    {
        if ((long)RowCount * ColumnCount > Array.MaxLength) ThrowHelper.TableTooLargeForDense(RowCount, ColumnCount);
        var dense = new long[RowCount, ColumnCount];
        CellStore cells = Cells;
        for (int k = 0; k < cells.Counts.Length; k++) dense[cells.Rows[k], cells.Columns[k]] = cells.Counts[k];
        return dense;
    }

    /// <summary>The cells, laid out from the item codes on first use for a singleton side.</summary>
    private CellStore Cells =>
        _cells ?? Interlocked.CompareExchange(ref _cells, LayOutSingletonCells(), null) ?? _cells!;

    /// <summary>
    /// Row-major cells of a singleton side. R = n: row r holds one cell, in the column of the
    /// item coded r (one scatter). C = n: each column holds one item; visiting the columns in
    /// order and bucketing by row (a stable counting sort) leaves each row's columns ascending.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private CellStore LayOutSingletonCells()
    {
        int[] itemRows = _itemRows!, itemColumns = _itemColumns!;
        int n = itemRows.Length;
        var rows = new int[n];
        var columns = new int[n];
        var counts = new long[n];
        var rowStarts = new int[RowCount + 1];
        counts.AsSpan().Fill(1);
        if (RowCount == n)
        {
            // One cell per row.
            for (int k = 0; k < n; k++) columns[itemRows[k]] = itemColumns[k];
            for (int r = 0; r < n; r++) (rows[r], rowStarts[r + 1]) = (r, r + 1);
            return new CellStore(rows, columns, counts, rowStarts);
        }

        // Bucket starts by row, then the items in column order.
        foreach (int r in itemRows) rowStarts[r + 1]++;
        for (int r = 0; r < RowCount; r++) rowStarts[r + 1] += rowStarts[r];
        var itemOfColumn = new int[n];
        for (int k = 0; k < n; k++) itemOfColumn[itemColumns[k]] = k;
        int[] next = rowStarts[..RowCount];
        for (int c = 0; c < n; c++)
        {
            int r = itemRows[itemOfColumn[c]];
            int slot = next[r]++;
            (rows[slot], columns[slot]) = (r, c);
        }

        return new CellStore(rows, columns, counts, rowStarts);
    }

    private static long[] Ones(int length)
    {
        var ones = new long[length];
        ones.AsSpan().Fill(1);
        return ones;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long[] Histogram(int[] codes, int codeCount)
    {
        var counts = new long[codeCount];
        foreach (int code in codes) counts[code]++;
        return counts;
    }

    /// <summary>Non-zero cells in row-major order and where each row's cells start.</summary>
    private sealed record CellStore(int[] Rows, int[] Columns, long[] Counts, int[] RowStarts);

    /// <summary>Counts the pairs (labelsTrue[k], labelsPred[k]) into a table.</summary>
    /// <remarks>
    /// Integer labels (any width, signed or not, any values), <see cref="float"/> and
    /// <see cref="double"/> labels (by numeric value: −0.0 equals 0.0, all NaNs are one
    /// label) and <see cref="char"/> labels are remapped without hashing; strings are compared
    /// ordinally; any other type by its default equality and ordered by its default comparer.
    /// </remarks>
    /// <exception cref="ArgumentException">The spans differ in length, or a label is null.</exception>
    public static ContingencyTable<TTrue, TPred> Create<TTrue, TPred>(
        ReadOnlySpan<TTrue> labelsTrue, ReadOnlySpan<TPred> labelsPred)
        where TTrue : notnull
        where TPred : notnull =>
        Create(labelsTrue, labelsPred, CountingKernel.Auto);

    /// <summary>As <see cref="Create{TTrue, TPred}(ReadOnlySpan{TTrue}, ReadOnlySpan{TPred})"/>,
    /// with the counting strategy forced (for tests and benchmarks; results do not depend on it).</summary>
    public static ContingencyTable<TTrue, TPred> Create<TTrue, TPred>(
        ReadOnlySpan<TTrue> labelsTrue, ReadOnlySpan<TPred> labelsPred, CountingKernel kernel)
        where TTrue : notnull
        where TPred : notnull =>
        Create(labelsTrue, labelsPred, kernel, workers: 0);

    /// <summary>The worker count forced too (0: by n and the cores), so tests can show that it
    /// does not change the table.</summary>
    internal static ContingencyTable<TTrue, TPred> Create<TTrue, TPred>(
        ReadOnlySpan<TTrue> labelsTrue, ReadOnlySpan<TPred> labelsPred, CountingKernel kernel, int workers)
        where TTrue : notnull
        where TPred : notnull
    {
        if (labelsTrue.Length != labelsPred.Length) ThrowHelper.LengthMismatch(labelsTrue.Length, labelsPred.Length);
        if (!Enum.IsDefined(kernel)) ThrowHelper.InvalidKernel(kernel);

        // Integers of one type in small ranges: count by value, no remapping.
        if (kernel is CountingKernel.Auto or CountingKernel.DenseByValue
            && ValueCounting.TryCreate(labelsTrue, labelsPred, workers) is { } byValue)
        {
            return byValue;
        }

        // Otherwise remap each side to dense codes, then count code pairs.
        var rowCodes = new int[labelsTrue.Length];
        var columnCodes = new int[labelsPred.Length];
        LabelValues<TTrue> rowLabels = LabelEncoder.Encode(labelsTrue, rowCodes, nameof(labelsTrue));
        LabelValues<TPred> columnLabels = LabelEncoder.Encode(labelsPred, columnCodes, nameof(labelsPred));

        // Every item its own label on one side: the codes are the table, nothing to count.
        int n = labelsTrue.Length;
        if (kernel is CountingKernel.Auto or CountingKernel.DenseByValue or CountingKernel.SingletonSide
            && n > 0 && (rowLabels.Count == n || columnLabels.Count == n))
        {
            return new ContingencyTable<TTrue, TPred>(rowLabels, columnLabels, rowCodes, columnCodes);
        }

        if (kernel is CountingKernel.SingletonSide) kernel = CountingKernel.Auto;
        CellList cells = ContingencyCounting.Count(rowCodes, rowLabels.Count, columnCodes,
            columnLabels.Count, kernel, workers);
        return new ContingencyTable<TTrue, TPred>(rowLabels.Values, columnLabels.Values, cells);
    }

    /// <summary>
    /// Builds a table from (row label, column label, count) triplets, as
    /// <c>SELECT truth, pred, COUNT(*) … GROUP BY truth, pred</c> returns them.
    /// </summary>
    /// <remarks>Triplets may come in any order; repeated pairs are added up; zero counts are
    /// ignored (a label whose counts are all zero is not a class).</remarks>
    /// <exception cref="ArgumentException">The spans differ in length, a label is null, or the
    /// counts add up to more than <see cref="long.MaxValue"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    public static ContingencyTable<TRow, TColumn> FromCounts<TRow, TColumn>(
        ReadOnlySpan<TRow> rowLabels, ReadOnlySpan<TColumn> columnLabels, ReadOnlySpan<long> counts)
        where TRow : notnull
        where TColumn : notnull
    {
        if (rowLabels.Length != counts.Length || columnLabels.Length != counts.Length)
        {
            ThrowHelper.CountsLengthMismatch(rowLabels.Length, columnLabels.Length, counts.Length);
        }

        // Keep the positive triplets; a null label is an error even where its count is 0.
        var kept = new List<int>(counts.Length);
        for (int k = 0; k < counts.Length; k++)
        {
            if (rowLabels[k] is null) ThrowHelper.NullLabel(nameof(rowLabels), k);
            if (columnLabels[k] is null) ThrowHelper.NullLabel(nameof(columnLabels), k);
            if (counts[k] < 0) ThrowHelper.NegativeCount(k, counts[k]);
            if (counts[k] > 0) kept.Add(k);
        }

        var rows = new TRow[kept.Count];
        var columns = new TColumn[kept.Count];
        var keyedCounts = new long[kept.Count];
        for (int t = 0; t < kept.Count; t++)
        {
            rows[t] = rowLabels[kept[t]];
            columns[t] = columnLabels[kept[t]];
            keyedCounts[t] = counts[kept[t]];
        }

        // Remap, sort by packed key, add up repeated pairs.
        var rowCodes = new int[rows.Length];
        var columnCodes = new int[columns.Length];
        TRow[] distinctRows = LabelEncoder.Encode<TRow>(rows, rowCodes, nameof(rowLabels)).Values;
        TColumn[] distinctColumns = LabelEncoder.Encode<TColumn>(columns, columnCodes, nameof(columnLabels)).Values;
        var keys = new long[rows.Length];
        for (int t = 0; t < keys.Length; t++) keys[t] = (long)rowCodes[t] * distinctColumns.Length + columnCodes[t];
        Array.Sort(keys, keyedCounts);

        var cellRows = new List<int>();
        var cellColumns = new List<int>();
        var cellCounts = new List<long>();
        try
        {
            for (int t = 0; t < keys.Length; t++)
            {
                if (t > 0 && keys[t] == keys[t - 1])
                {
                    cellCounts[^1] = checked(cellCounts[^1] + keyedCounts[t]);
                    continue;
                }

                (long row, long column) = Math.DivRem(keys[t], distinctColumns.Length);
                cellRows.Add((int)row);
                cellColumns.Add((int)column);
                cellCounts.Add(keyedCounts[t]);
            }

            return new ContingencyTable<TRow, TColumn>(distinctRows, distinctColumns,
                new CellList([.. cellRows], [.. cellColumns], [.. cellCounts]));
        }
        catch (OverflowException)
        {
            ThrowHelper.TotalCountOverflow();
            throw;
        }
    }
}

/// <summary>A <see cref="ContingencyTable"/> that also keeps the original label values.</summary>
/// <typeparam name="TRow">The type of the true labels.</typeparam>
/// <typeparam name="TColumn">The type of the predicted labels.</typeparam>
public sealed class ContingencyTable<TRow, TColumn> : ContingencyTable
    where TRow : notnull
    where TColumn : notnull
{
    private readonly LabelValues<TRow> _rowLabels;
    private readonly LabelValues<TColumn> _columnLabels;

    internal ContingencyTable(TRow[] rowLabels, TColumn[] columnLabels, CellList cells)
        : base(rowLabels.Length, columnLabels.Length, cells)
    {
        _rowLabels = new(rowLabels);
        _columnLabels = new(columnLabels);
    }

    internal ContingencyTable(LabelValues<TRow> rowLabels, LabelValues<TColumn> columnLabels, int[] itemRows,
        int[] itemColumns)
        : base(rowLabels.Count, columnLabels.Count, itemRows, itemColumns)
    {
        _rowLabels = rowLabels;
        _columnLabels = columnLabels;
    }

    /// <summary>The true label of each row, ascending.</summary>
    public ReadOnlySpan<TRow> RowLabels => _rowLabels.Values;

    /// <summary>The predicted label of each column, ascending.</summary>
    public ReadOnlySpan<TColumn> ColumnLabels => _columnLabels.Values;
}
