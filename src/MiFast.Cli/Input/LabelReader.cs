using System.Globalization;

namespace MiFast.Cli.Input;

/// <summary>What to do with a missing value (an empty CSV field, a null, a NaN).</summary>
internal enum MissingPolicy
{
    /// <summary>An error naming the file, row and column.</summary>
    Error,

    /// <summary>The row is left out of the scores that read the missing value.</summary>
    Drop,

    /// <summary>Missing is a label of its own, one per column.</summary>
    Label,
}

/// <summary>
/// Reads chosen columns of a label file in chunks of rows, each label as a 64-bit integer:
/// integer columns keep their values (no text round trip), text columns are remapped once to
/// codes 0, 1, 2… in order of first appearance. Memory is one chunk plus one code per distinct
/// text label.
/// </summary>
/// <remarks>
/// A reader fills <see cref="ColumnBuffer.Values"/> and marks missing values; <see cref="Read"/>
/// then applies the <see cref="MissingPolicy"/>: an error naming the row, a mask for dropping,
/// or the column's missing label (code −1 for text, <see cref="long.MinValue"/> for integers).
/// </remarks>
internal abstract class LabelReader(string name) : IDisposable
{
    private int[] _selected = [];
    private ColumnBuffer[] _buffers = [];
    private MissingPolicy _missing;

    /// <summary>The file, as messages name it.</summary>
    public string Name { get; } = name;

    /// <summary>Every column of the file, in order.</summary>
    public abstract IReadOnlyList<string> Columns { get; }

    /// <summary>The number of rows when the file says so before it is read (npy, Parquet).</summary>
    public virtual long? KnownRowCount => null;

    /// <summary>Rows returned by <see cref="Read"/> so far.</summary>
    public long RowsRead { get; private set; }

    /// <summary>The message when the file holds no rows.</summary>
    public virtual string NoRowsMessage => "the file has no rows (no labels to score).";

    /// <summary>How many missing values of selected column <paramref name="k"/> were scored as a
    /// label of their own (<see cref="MissingPolicy.Label"/>).</summary>
    public long MissingLabelled(int k) => _buffers[k].LabelledMissing;

    /// <summary>The columns chosen by <see cref="Select"/>, in that order.</summary>
    public IReadOnlyList<string> Selected { get; private set; } = [];

    protected int ColumnIndex(int k) => _selected[k];

    protected ColumnBuffer Buffer(int k) => _buffers[k];

    protected int SelectedCount => _buffers.Length;

    /// <summary>Chooses the columns that <see cref="Read"/> returns; an unknown or repeated name is
    /// an error listing the columns.</summary>
    public void Select(IReadOnlyList<string> names, MissingPolicy missing)
    {
        _selected = ColumnIndices(Name, Columns, names);
        _buffers = [.. names.Select(n => new ColumnBuffer(n))];
        _missing = missing;
        Selected = names;
        OnSelected();
    }

    /// <summary>Called once the columns are chosen (to check their types).</summary>
    protected virtual void OnSelected()
    {
    }

    /// <summary>Reads the next chunk of rows into the buffers; 0 at the end of the file.</summary>
    public int Read()
    {
        foreach (ColumnBuffer buffer in _buffers) buffer.Clear();
        int count = ReadChunk();
        if (count == 0) return 0;
        if (_missing == MissingPolicy.Error)
        {
            // The error names the first row that misses a label (then the first such column), not
            // the first selected column that misses one somewhere in the chunk.
            int column = -1, row = count;
            for (int k = 0; k < _buffers.Length; k++)
            {
                if (!_buffers[k].AnyMissing) continue;
                int first = _buffers[k].Missing.AsSpan(0, count).IndexOf(true);
                if (first >= 0 && first < row) (column, row) = (k, first);
            }

            if (column >= 0) ApplyMissing(column, count);
        }

        for (int k = 0; k < _buffers.Length; k++) ApplyMissing(k, count);
        RowsRead += count;
        return count;
    }

    /// <summary>The labels of selected column <paramref name="k"/> in the last chunk.</summary>
    public ReadOnlySpan<long> Values(int k, int count) => _buffers[k].Values.AsSpan(0, count);

    /// <summary>Which rows of the last chunk miss selected column <paramref name="k"/> (empty when
    /// none does, or the policy is not <see cref="MissingPolicy.Drop"/>).</summary>
    public ReadOnlySpan<bool> Missing(int k, int count) =>
        _buffers[k].AnyMissing ? _buffers[k].Missing.AsSpan(0, count) : [];

    /// <summary>Fills the buffers of every selected column with the next rows; returns how many.</summary>
    protected abstract int ReadChunk();

    /// <summary>Where row <paramref name="index"/> of the current chunk is, for a message.</summary>
    protected virtual string RowLocation(int index) =>
        string.Create(CultureInfo.InvariantCulture, $"row {RowsRead + index + 1}");

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>Stores a floating-point label: NaN is missing; an integral value is that integer;
    /// anything else is an error naming the value and the type.</summary>
    protected void SetFloat(int k, int index, double value, string type)
    {
        ColumnBuffer buffer = _buffers[k];
        if (double.IsNaN(value))
        {
            buffer.SetMissing(index);
            return;
        }

        // 2^63 is the first double past long.MaxValue.
        if (value != Math.Floor(value) || value < -9.2233720368547758E18 || value >= 9.2233720368547758E18)
        {
            throw new CliException(string.Create(CultureInfo.InvariantCulture,
                $"{Name}: {RowLocation(index)}, column '{LabelFiles.Printable(buffer.Name)}': {value:R} is not "
                + $"an integer label ({type} column); labels must be integers or text."));
        }

        buffer.Values[index] = (long)value;
        buffer.IsInteger = true;
    }

    private void ApplyMissing(int k, int count)
    {
        ColumnBuffer buffer = _buffers[k];
        if (!buffer.AnyMissing)
        {
            if (_missing == MissingPolicy.Label && buffer.IsInteger) buffer.NoteSentinel(count, Name);
            return;
        }

        int first = buffer.Missing.AsSpan(0, count).IndexOf(true);
        switch (_missing)
        {
            case MissingPolicy.Error:
                throw new CliException($"{Name}: {RowLocation(first)}, column '{LabelFiles.Printable(buffer.Name)}': "
                    + $"{buffer.MissingWord} (a missing label); use --missing drop or --missing label to score it.");
            case MissingPolicy.Label:
                if (buffer.IsInteger) buffer.NoteSentinel(count, Name);
                long label = buffer.IsInteger ? long.MinValue : -1;
                for (int i = first; i < count; i++)
                {
                    if (!buffer.Missing[i]) continue;
                    buffer.Values[i] = label;
                    buffer.LabelledMissing++;
                }

                buffer.Clear();
                buffer.EverMissing = true;
                if (buffer.IsInteger && buffer.SawSentinel) buffer.ThrowSentinelClash(Name);
                break;
            default:
                break;
        }
    }

    /// <summary>Where each wanted column is; a missing or repeated name is an error.</summary>
    internal static int[] ColumnIndices(string file, IReadOnlyList<string> header, IReadOnlyList<string> names)
    {
        var indices = new int[names.Count];
        for (int c = 0; c < names.Count; c++)
        {
            int[] found = [.. Enumerable.Range(0, header.Count).Where(i => header[i] == names[c])];
            if (found.Length == 0)
            {
                throw new CliException($"{file}: no column '{LabelFiles.Printable(names[c])}'; the columns are: "
                    + $"{LabelFiles.Printable(string.Join(", ", header))}.");
            }

            if (found.Length > 1)
            {
                throw new CliException($"{file}: the header names column '{LabelFiles.Printable(names[c])}' "
                    + $"{found.Length} times (columns {string.Join(", ", found.Select(i => i + 1))}); "
                    + "which one is meant?");
            }

            indices[c] = found[0];
        }

        return indices;
    }
}

/// <summary>One selected column's labels for the current chunk, and its text-to-code map.</summary>
internal sealed class ColumnBuffer(string name)
{
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
    private Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private bool _hasLookup;

    public string Name { get; } = name;

    public long[] Values { get; private set; } = [];

    public bool[] Missing { get; private set; } = [];

    /// <summary>Some row of the current chunk misses this column.</summary>
    public bool AnyMissing { get; set; }

    /// <summary>Missing values labelled so far.</summary>
    public long LabelledMissing { get; set; }

    /// <summary>Some earlier chunk had a missing value, labelled with the sentinel.</summary>
    public bool EverMissing { get; set; }

    /// <summary>The labels are integers (not text codes): the missing label is <see cref="long.MinValue"/>.</summary>
    public bool IsInteger { get; set; }

    /// <summary>Some value so far equals <see cref="long.MinValue"/>.</summary>
    public bool SawSentinel { get; private set; }

    /// <summary>How a missing value shows in this file, for messages.</summary>
    public string MissingWord { get; set; } = "null";

    public void Clear()
    {
        if (AnyMissing) Array.Clear(Missing);
        AnyMissing = false;
    }

    /// <summary>Room for <paramref name="count"/> rows.</summary>
    public void EnsureCapacity(int count)
    {
        if (Values.Length >= count) return;
        Values = new long[count];
        Missing = new bool[count];
    }

    public void SetMissing(int index)
    {
        Missing[index] = true;
        AnyMissing = true;
    }

    /// <summary>The code of a text label: 0, 1, 2… in order of first appearance.</summary>
    public long Code(ReadOnlySpan<char> label)
    {
        if (!_hasLookup)
        {
            _lookup = _codes.GetAlternateLookup<ReadOnlySpan<char>>();
            _hasLookup = true;
        }

        if (!_lookup.TryGetValue(label, out int code))
        {
            code = _codes.Count;
            _lookup[label] = code;
        }

        return code;
    }

    /// <summary>The code of a text label: 0, 1, 2… in order of first appearance.</summary>
    public long Code(string label)
    {
        if (!_codes.TryGetValue(label, out int code))
        {
            code = _codes.Count;
            _codes[label] = code;
        }

        return code;
    }

    /// <summary>Remembers whether a real value of the chunk is <see cref="long.MinValue"/>, the
    /// missing label of an integer column.</summary>
    public void NoteSentinel(int count, string file)
    {
        Span<long> values = Values.AsSpan(0, count);
        int at = values.IndexOf(long.MinValue);
        while (at >= 0 && AnyMissing && Missing[at])
        {
            int next = values[(at + 1)..].IndexOf(long.MinValue);
            at = next < 0 ? -1 : at + 1 + next;
        }

        if (at < 0) return;
        SawSentinel = true;
        if (EverMissing) ThrowSentinelClash(file);
    }

    public void ThrowSentinelClash(string file) =>
        throw new CliException($"{file}: column '{LabelFiles.Printable(Name)}' holds both missing values and "
            + $"the integer {long.MinValue}, which --missing label uses for them; use --missing drop.");
}
