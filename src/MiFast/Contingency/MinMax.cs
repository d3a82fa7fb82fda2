using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MiFast.Contingency;

/// <summary>The smallest and largest order key of a labeling, in one pass.</summary>
internal static class MinMax
{
    /// <summary>Keys of the extreme labels; int and long labels take a vectorized pass.</summary>
    public static (ulong Min, ulong Max) KeyRange<T, TKey>(ReadOnlySpan<T> labels)
        where TKey : IOrderKey<T>
    {
        if (typeof(T) == typeof(int))
        {
            (int min, int max) = Parallel(Reinterpret<T, int>(labels));
            return (Int32Key.ToKey(min), Int32Key.ToKey(max));
        }

        if (typeof(T) == typeof(long))
        {
            (long min, long max) = Parallel(Reinterpret<T, long>(labels));
            return (Int64Key.ToKey(min), Int64Key.ToKey(max));
        }

        ulong low = ulong.MaxValue, high = 0;
        foreach (T label in labels)
        {
            ulong key = TKey.ToKey(label);
            low = Math.Min(low, key);
            high = Math.Max(high, key);
        }

        return (low, high);
    }

    /// <summary>Large spans: each worker takes a contiguous chunk, then the chunk extremes are
    /// combined (min and max are exact, so the result does not depend on the split).</summary>
    private static unsafe (T Min, T Max) Parallel<T>(ReadOnlySpan<T> values)
        where T : unmanaged, INumber<T>, IMinMaxValue<T>
    {
        int workers = DenseCounting.WorkersFor(values.Length, 0);
        if (workers == 1) return Vectorized(values);
        var extremes = new (T Min, T Max)[workers];
        fixed (T* start = values)
        {
            T* first = start;
            int length = values.Length;
            var options = new ParallelOptions { MaxDegreeOfParallelism = workers };
            System.Threading.Tasks.Parallel.For(0, workers, options, w =>
            {
                int from = (int)((long)length * w / workers), to = (int)((long)length * (w + 1) / workers);
                extremes[w] = Vectorized(new ReadOnlySpan<T>(first + from, to - from));
            });
        }

        (T min, T max) = extremes[0];
        foreach ((T low, T high) in extremes)
        {
            min = T.Min(min, low);
            max = T.Max(max, high);
        }

        return (min, max);
    }

    /// <summary>Min and max of a non-empty span: vector lanes, then the lanes, then the tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static (T Min, T Max) Vectorized<T>(ReadOnlySpan<T> values)
        where T : struct, INumber<T>, IMinMaxValue<T>
    {
        T min = T.MaxValue, max = T.MinValue;
        int i = 0;
        if (values.Length >= Vector<T>.Count)
        {
            // Main loop: both extremes per lane.
            var lanesMin = new Vector<T>(values);
            Vector<T> lanesMax = lanesMin;
            for (i = Vector<T>.Count; i + Vector<T>.Count <= values.Length; i += Vector<T>.Count)
            {
                var v = new Vector<T>(values[i..]);
                lanesMin = Vector.Min(lanesMin, v);
                lanesMax = Vector.Max(lanesMax, v);
            }

            // Reduce the lanes.
            for (int lane = 0; lane < Vector<T>.Count; lane++)
            {
                min = T.Min(min, lanesMin[lane]);
                max = T.Max(max, lanesMax[lane]);
            }
        }

        // Remainder.
        for (; i < values.Length; i++)
        {
            min = T.Min(min, values[i]);
            max = T.Max(max, values[i]);
        }

        return (min, max);
    }

    private static ReadOnlySpan<TTo> Reinterpret<TFrom, TTo>(ReadOnlySpan<TFrom> span) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<TFrom, TTo>(ref MemoryMarshal.GetReference(span)), span.Length);
}
