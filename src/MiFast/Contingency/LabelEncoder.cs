using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MiFast.Contingency;

/// <summary>
/// Maps labels of any type to dense codes 0..K-1 in the order of the label values, so that
/// code i is the i-th smallest label (integers and floats by value, strings ordinally).
/// </summary>
/// <remarks>
/// Integer and floating labels take a dictionary-free path: each value becomes an
/// order-preserving 64-bit key, one scan finds min and max, and then either a ranked bitmap
/// over the key range (the range is small) or a sort of (key, index) pairs (it is not)
/// assigns the codes. Strings and other types go through a hash map once.
/// </remarks>
internal static class LabelEncoder
{
    /// <summary>The ranked bitmap is used while the key range is below max(4096, 2·n), capped here
    /// (2^26 keys: 12 MiB of bits and ranks).</summary>
    private const ulong MaxOffsetTableLength = 1UL << 26;

    /// <summary>Encodes <paramref name="labels"/> into <paramref name="codes"/>; returns the distinct
    /// values, smallest first.</summary>
    public static LabelValues<T> Encode<T>(ReadOnlySpan<T> labels, Span<int> codes, string paramName)
        where T : notnull
    {
        if (typeof(T) == typeof(int))
            return Retype<int, T>(EncodeKeys<int, Int32Key>(Cast<T, int>(labels), codes));
        if (typeof(T) == typeof(long))
            return Retype<long, T>(EncodeKeys<long, Int64Key>(Cast<T, long>(labels), codes));
        if (typeof(T) == typeof(uint))
            return Retype<uint, T>(EncodeKeys<uint, UInt32Key>(Cast<T, uint>(labels), codes));
        if (typeof(T) == typeof(ulong))
            return Retype<ulong, T>(EncodeKeys<ulong, UInt64Key>(Cast<T, ulong>(labels), codes));
        if (typeof(T) == typeof(short))
            return Retype<short, T>(EncodeKeys<short, Int16Key>(Cast<T, short>(labels), codes));
        if (typeof(T) == typeof(ushort))
            return Retype<ushort, T>(EncodeKeys<ushort, UInt16Key>(Cast<T, ushort>(labels), codes));
        if (typeof(T) == typeof(sbyte))
            return Retype<sbyte, T>(EncodeKeys<sbyte, SByteKey>(Cast<T, sbyte>(labels), codes));
        if (typeof(T) == typeof(byte))
            return Retype<byte, T>(EncodeKeys<byte, ByteKey>(Cast<T, byte>(labels), codes));
        if (typeof(T) == typeof(char))
            return Retype<char, T>(EncodeKeys<char, CharKey>(Cast<T, char>(labels), codes));
        if (typeof(T) == typeof(nint))
            return Retype<nint, T>(EncodeKeys<nint, IntPtrKey>(Cast<T, nint>(labels), codes));
        if (typeof(T) == typeof(nuint))
            return Retype<nuint, T>(EncodeKeys<nuint, UIntPtrKey>(Cast<T, nuint>(labels), codes));
        if (typeof(T) == typeof(double))
            return Retype<double, T>(EncodeKeys<double, DoubleKey>(Cast<T, double>(labels), codes));
        if (typeof(T) == typeof(float))
            return Retype<float, T>(EncodeKeys<float, SingleKey>(Cast<T, float>(labels), codes));
        if (typeof(T) == typeof(string))
        {
            return new(As<string, T>(EncodeHashed(Cast<T, string>(labels), codes, StringComparer.Ordinal,
                StringComparer.Ordinal, paramName)));
        }

        return new(EncodeHashed(labels, codes, EqualityComparer<T>.Default, OrderOf<T>(), paramName));
    }

    /// <summary>The dictionary-free path for labels that map to order-preserving 64-bit keys.</summary>
    internal static LabelValues<T> EncodeKeys<T, TKey>(ReadOnlySpan<T> labels, Span<int> codes)
        where TKey : IOrderKey<T>
    {
        if (labels.IsEmpty) return new([]);

        // One scan for the key range (vectorized and parallel for int and long).
        (ulong min, ulong max) = MinMax.KeyRange<T, TKey>(labels);

        ulong range = max - min;
        ulong offsetLimit = Math.Min(MaxOffsetTableLength, Math.Max(4096UL, 2UL * (ulong)labels.Length));
        return range < offsetLimit
            ? EncodeByOffset<T, TKey>(labels, codes, min, (int)range + 1)
            : new(EncodeBySort<T, TKey>(labels, codes));
    }

    /// <summary>
    /// Small key range: a bitmap over key − min marks the keys present, and a rank per 64-bit
    /// word (the present keys before it) numbers them: code = rank[w] + popcount(bits below).
    /// 1.5 bits per key of range instead of an int per key, so the random accesses stay in
    /// cache. When every key of the range is present the code is key − min itself and the
    /// values are the range, laid out only if read (every item its own label costs no value
    /// array for the scores).
    /// </summary>
    /// <remarks>
    /// <code>
    ///   keys − min:  0 1 . 3 4 . . 7       (present keys marked)
    ///   bits:        1 1 0 1 1 0 0 1       rank = 0 for this word
    ///   code(4) = rank + popcount(bits below 4) = 0 + 3
    /// </code>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static LabelValues<T> EncodeByOffset<T, TKey>(ReadOnlySpan<T> labels, Span<int> codes, ulong min,
        int length)
        where TKey : IOrderKey<T>
    {
        // Mark.
        var bits = new ulong[(length + 63) >> 6];
        foreach (T label in labels)
        {
            int offset = (int)(TKey.ToKey(label) - min);
            bits[offset >> 6] |= 1UL << offset;
        }

        // Rank each word.
        var ranks = new int[bits.Length];
        int distinct = 0;
        for (int w = 0; w < bits.Length; w++)
        {
            ranks[w] = distinct;
            distinct += BitOperations.PopCount(bits[w]);
        }

        // A full range: the code is the offset, the values the range.
        if (distinct == length)
        {
            for (int i = 0; i < labels.Length; i++) codes[i] = (int)(TKey.ToKey(labels[i]) - min);
            return LabelValues<T>.Range<TKey>(min, length);
        }

        // Otherwise the values in key order, and each code is the rank plus the bits below.
        var values = new T[distinct];
        for (int w = 0, v = 0; w < bits.Length; w++)
        {
            for (ulong word = bits[w]; word != 0; word &= word - 1)
            {
                values[v++] = TKey.FromKey(min + (ulong)(w << 6 | BitOperations.TrailingZeroCount(word)));
            }
        }

        for (int i = 0; i < labels.Length; i++)
        {
            int offset = (int)(TKey.ToKey(labels[i]) - min);
            codes[i] = ranks[offset >> 6] + BitOperations.PopCount(bits[offset >> 6] & ((1UL << offset) - 1));
        }

        return new(values);
    }

    /// <summary>Wide key range: sort (key, index) pairs and number the runs of equal keys.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T[] EncodeBySort<T, TKey>(ReadOnlySpan<T> labels, Span<int> codes)
        where TKey : IOrderKey<T>
    {
        var keys = new ulong[labels.Length];
        var order = new int[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            keys[i] = TKey.ToKey(labels[i]);
            order[i] = i;
        }

        Array.Sort(keys, order);

        // Count the runs first so the value array is allocated once.
        int distinct = 1;
        for (int i = 1; i < keys.Length; i++)
        {
            if (keys[i] != keys[i - 1]) distinct++;
        }

        var values = new T[distinct];
        int code = 0;
        values[0] = TKey.FromKey(keys[0]);
        codes[order[0]] = 0;
        for (int i = 1; i < keys.Length; i++)
        {
            if (keys[i] != keys[i - 1]) values[++code] = TKey.FromKey(keys[i]);
            codes[order[i]] = code;
        }

        return values;
    }

    /// <summary>Labels without an integer key: hash once to first-seen codes, then renumber in
    /// the order <paramref name="order"/> gives (first-seen order when it is null).</summary>
    private static T[] EncodeHashed<T>(ReadOnlySpan<T> labels, Span<int> codes,
        IEqualityComparer<T> equality, IComparer<T>? order, string paramName)
        where T : notnull
    {
        var seen = new Dictionary<T, int>(equality);
        var values = new List<T>();
        for (int i = 0; i < labels.Length; i++)
        {
            T label = labels[i];
            if (label is null) ThrowHelper.NullLabel(paramName, i);
            ref int code = ref CollectionsMarshal.GetValueRefOrAddDefault(seen, label, out bool exists);
            if (!exists)
            {
                code = values.Count;
                values.Add(label);
            }

            codes[i] = code;
        }

        T[] sorted = [.. values];
        if (order is null || sorted.Length < 2) return sorted;

        // Renumber: rank[first-seen code] = position in sorted order.
        int[] firstSeen = new int[sorted.Length];
        for (int c = 0; c < firstSeen.Length; c++) firstSeen[c] = c;
        try
        {
            Array.Sort(sorted, firstSeen, order);
        }
        catch (InvalidOperationException)
        {
            // Labels that cannot be ordered (mixed types behind object): first-seen order.
            return [.. values];
        }

        int[] rank = new int[sorted.Length];
        for (int r = 0; r < rank.Length; r++) rank[firstSeen[r]] = r;
        for (int i = 0; i < codes.Length; i++) codes[i] = rank[codes[i]];
        return sorted;
    }

    private static IComparer<T>? OrderOf<T>() =>
        typeof(IComparable<T>).IsAssignableFrom(typeof(T)) || typeof(System.IComparable).IsAssignableFrom(typeof(T))
            ? Comparer<T>.Default
            : null;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<TTo> Cast<TFrom, TTo>(ReadOnlySpan<TFrom> span) =>
        MemoryMarshal.CreateReadOnlySpan(
            ref Unsafe.As<TFrom, TTo>(ref MemoryMarshal.GetReference(span)), span.Length);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TTo[] As<TFrom, TTo>(TFrom[] array) => (TTo[])(object)array;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static LabelValues<TTo> Retype<TFrom, TTo>(LabelValues<TFrom> values) =>
        (LabelValues<TTo>)(object)values;
}

/// <summary>
/// The distinct labels of one side, smallest first: an array, or a full range of keys (every
/// key from min to min + count − 1 present), laid out as an array on first read.
/// </summary>
internal sealed class LabelValues<T>
{
    private T[]? _values;
    private readonly Func<T[]>? _layOut;

    public LabelValues(T[] values) => (_values, Count) = (values, values.Length);

    private LabelValues(int count, Func<T[]> layOut) => (Count, _layOut) = (count, layOut);

    /// <summary>How many distinct labels.</summary>
    public int Count { get; }

    /// <summary>The labels; a range is laid out once (concurrent first reads agree).</summary>
    public T[] Values => _values ?? Interlocked.CompareExchange(ref _values, _layOut!(), null) ?? _values!;

    public static LabelValues<T> Range<TKey>(ulong min, int count)
        where TKey : IOrderKey<T> =>
        new(count, () =>
        {
            var values = new T[count];
            for (int r = 0; r < values.Length; r++) values[r] = TKey.FromKey(min + (ulong)r);
            return values;
        });
}
