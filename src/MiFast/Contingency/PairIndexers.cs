using System.Runtime.CompilerServices;

namespace MiFast.Contingency;

/// <summary>Maps item i to the flat index of its cell in a dense row-major table.</summary>
internal unsafe interface IPairIndexer
{
    int Index(int i);
}

/// <summary>Cells of remapped codes: row·C + column.</summary>
internal readonly unsafe struct CodePairs(int* rows, int* columns, int columnCount) : IPairIndexer
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Index(int i) => rows[i] * columnCount + columns[i];
}

/// <summary>Cells of raw label values: (key(t) − min t)·width + (key(p) − min p).</summary>
internal readonly unsafe struct ValuePairs<T, TKey>(void* labelsTrue, void* labelsPred, ulong minTrue,
    ulong minPred, int width) : IPairIndexer
    where TKey : IOrderKey<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Index(int i)
    {
        T t = Unsafe.Add(ref Unsafe.AsRef<T>(labelsTrue), i);
        T p = Unsafe.Add(ref Unsafe.AsRef<T>(labelsPred), i);
        return (int)(TKey.ToKey(t) - minTrue) * width + (int)(TKey.ToKey(p) - minPred);
    }
}

/// <summary>Cells of raw <see cref="int"/> labels: t·width + p − origin in native integers, where
/// origin = min t·width + min p; no key conversion, and no overflow (|t·width| &lt; 2^53).</summary>
internal readonly unsafe struct Int32ValuePairs(int* labelsTrue, int* labelsPred, nint origin, int width)
    : IPairIndexer
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Index(int i) => (int)((nint)labelsTrue[i] * width + labelsPred[i] - origin);
}
