using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MiFast.Contingency;

/// <summary>
/// The <see cref="CountingKernel.DenseByValue"/> path: two integer labelings of one type whose
/// value ranges span a small table are counted by value, with no remapping pass; empty rows
/// and columns (values between the labels in use) are dropped afterwards.
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
        // One pass per side for the value ranges; give up when the table would be large.
        (ulong minTrue, ulong maxTrue) = MinMax.KeyRange<T, TKey>(labelsTrue);
        (ulong minPred, ulong maxPred) = MinMax.KeyRange<T, TKey>(labelsPred);
        long limit = Math.Min(MaxCells, Math.Max(1L << 16, labelsTrue.Length));
        if (maxTrue - minTrue >= (ulong)limit || maxPred - minPred >= (ulong)limit) return null;
        int height = (int)(maxTrue - minTrue) + 1, width = (int)(maxPred - minPred) + 1;
        if ((long)height * width > limit) return null;

        // Count by value, in parallel chunks for large n.
        int n = labelsTrue.Length;
        int[] dense;
        fixed (byte* t = &Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(labelsTrue)))
        fixed (byte* p = &Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(labelsPred)))
        {
            var pairs = new ValuePairs<T, TKey>(t, p, minTrue, minPred, width);
            dense = DenseCounting.Count(pairs, n, height * width, DenseCounting.WorkersFor(n, workers));
        }

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

        CellList cells = ContingencyCounting.Compact(dense.AsSpan(0, height * width), width, rowCode, columnCode);
        return new ContingencyTable<T, T>([.. rowLabels], [.. columnLabels], cells);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<TTo> Cast<TFrom, TTo>(ReadOnlySpan<TFrom> span) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<TFrom, TTo>(ref MemoryMarshal.GetReference(span)), span.Length);
}
