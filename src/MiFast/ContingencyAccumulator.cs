using System.Runtime.InteropServices;

namespace MiFast;

/// <summary>
/// Builds a <see cref="ContingencyTable{TRow, TColumn}"/> from labelings that arrive in
/// chunks, from any source and in any order, and from accumulators built elsewhere (other
/// threads, processes or machines): memory stays bounded by the number of distinct
/// (true, predicted) pairs, not by the number of items.
/// </summary>
/// <remarks>
/// <para>Counting is exact integer addition, so the table, and therefore every score of it, is
/// the same whatever the chunking and whatever the order of the <c>Add</c>,
/// <see cref="AddCounts"/> and <see cref="Merge"/> calls: equal to
/// <see cref="ContingencyTable.Create{TTrue, TPred}(ReadOnlySpan{TTrue}, ReadOnlySpan{TPred})"/>
/// on the concatenated labels. (Labels of a type with no order keep the order in which the
/// accumulator first met them, which may then differ; the scores do not.)</para>
/// <para>Each chunk is counted by the same kernels as <c>Create</c>; its non-zero cells are kept
/// as (true label, predicted label, count) triplets, which are added up whenever the pending
/// ones outnumber the distinct pairs already held (so the work stays proportional to the
/// cells, amortised).</para>
/// <para>Not thread-safe: give each thread its own accumulator and merge them.</para>
/// </remarks>
/// <typeparam name="TTrue">The type of the true labels.</typeparam>
/// <typeparam name="TPred">The type of the predicted labels.</typeparam>
public sealed class ContingencyAccumulator<TTrue, TPred>
    where TTrue : notnull
    where TPred : notnull
{
    /// <summary>Pending triplets below this count are never compacted early.</summary>
    private const int MinimumPending = 1 << 16;

    private readonly List<TTrue> _rows = [];
    private readonly List<TPred> _columns = [];
    private readonly List<long> _counts = [];

    // The first _compacted triplets are the distinct cells of _table; the rest are pending.
    private int _compacted;
    private ContingencyTable<TTrue, TPred>? _table;

    /// <summary>How many items have been added (the n of the table).</summary>
    public long SampleCount { get; private set; }

    /// <summary>Adds a chunk of items: item k has true label <paramref name="labelsTrue"/>[k] and
    /// predicted label <paramref name="labelsPred"/>[k].</summary>
    /// <exception cref="ArgumentException">The spans differ in length, a label is null, or the
    /// total count would exceed <see cref="long.MaxValue"/>.</exception>
    public void Add(ReadOnlySpan<TTrue> labelsTrue, ReadOnlySpan<TPred> labelsPred)
    {
        if (labelsTrue.Length != labelsPred.Length) ThrowHelper.LengthMismatch(labelsTrue.Length, labelsPred.Length);
        if (labelsTrue.IsEmpty) return;
        Append(ContingencyTable.Create(labelsTrue, labelsPred));
    }

    /// <summary>Adds (true label, predicted label, count) triplets, as a
    /// <c>GROUP BY truth, pred</c> query returns them; repeated pairs add up, zero counts are
    /// ignored.</summary>
    /// <exception cref="ArgumentException">The spans differ in length, a label is null, or the
    /// total count would exceed <see cref="long.MaxValue"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    public void AddCounts(ReadOnlySpan<TTrue> rows, ReadOnlySpan<TPred> columns, ReadOnlySpan<long> counts) =>
        Append(ContingencyTable.FromCounts(rows, columns, counts));

    /// <summary>Adds every item of a table already built.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    /// <exception cref="ArgumentException">The total count would exceed <see cref="long.MaxValue"/>.</exception>
    public void Add(ContingencyTable<TTrue, TPred> table)
    {
        ArgumentNullException.ThrowIfNull(table);
        Append(table);
    }

    /// <summary>Adds every item that <paramref name="other"/> holds; <paramref name="other"/> is
    /// left as it was (it may be this accumulator: its counts then double).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ArgumentException">The total count would exceed <see cref="long.MaxValue"/>.</exception>
    public void Merge(ContingencyAccumulator<TTrue, TPred> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Append(other.ToTable());
    }

    /// <summary>The table of every item added so far (the same object until the next addition).</summary>
    public ContingencyTable<TTrue, TPred> ToTable()
    {
        if (_table is not null && _compacted == _rows.Count) return _table;
        Compact();
        return _table!;
    }

    /// <summary>Keeps a table's non-zero cells as pending triplets.</summary>
    private void Append(ContingencyTable<TTrue, TPred> table)
    {
        if (table.SampleCount == 0) return;
        long total;
        try
        {
            total = checked(SampleCount + table.SampleCount);
        }
        catch (OverflowException)
        {
            ThrowHelper.TotalCountOverflow();
            throw;
        }

        // Read the spans first: table may be this accumulator's own, whose lists grow below.
        ReadOnlySpan<TTrue> rowLabels = table.RowLabels;
        ReadOnlySpan<TPred> columnLabels = table.ColumnLabels;
        ReadOnlySpan<int> cellRows = table.CellRows, cellColumns = table.CellColumns;
        ReadOnlySpan<long> cellCounts = table.CellCounts;
        int cells = cellCounts.Length;
        _rows.EnsureCapacity(_rows.Count + cells);
        _columns.EnsureCapacity(_columns.Count + cells);
        _counts.EnsureCapacity(_counts.Count + cells);
        for (int k = 0; k < cells; k++)
        {
            _rows.Add(rowLabels[cellRows[k]]);
            _columns.Add(columnLabels[cellColumns[k]]);
            _counts.Add(cellCounts[k]);
        }

        SampleCount = total;

        // Add the pending triplets up once they outnumber the distinct pairs held.
        int pending = _rows.Count - _compacted;
        if (pending > Math.Max(_compacted, MinimumPending)) Compact();
    }

    /// <summary>Adds up every triplet into one table and keeps its cells as the only triplets.</summary>
    private void Compact()
    {
        ContingencyTable<TTrue, TPred> table = ContingencyTable.FromCounts<TTrue, TPred>(
            CollectionsMarshal.AsSpan(_rows), CollectionsMarshal.AsSpan(_columns),
            CollectionsMarshal.AsSpan(_counts));
        _rows.Clear();
        _columns.Clear();
        _counts.Clear();
        _table = null;
        ReadOnlySpan<TTrue> rowLabels = table.RowLabels;
        ReadOnlySpan<TPred> columnLabels = table.ColumnLabels;
        ReadOnlySpan<int> cellRows = table.CellRows, cellColumns = table.CellColumns;
        ReadOnlySpan<long> cellCounts = table.CellCounts;
        for (int k = 0; k < cellCounts.Length; k++)
        {
            _rows.Add(rowLabels[cellRows[k]]);
            _columns.Add(columnLabels[cellColumns[k]]);
            _counts.Add(cellCounts[k]);
        }

        _compacted = _rows.Count;
        _table = table;
    }
}
