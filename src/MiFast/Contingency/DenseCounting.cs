using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace MiFast.Contingency;

/// <summary>
/// Counts items into a dense table, in parallel chunks: each worker counts a contiguous chunk
/// into its own table, and the tables are added up. Integer addition is exact, so the result
/// is the same for every worker count.
/// </summary>
internal static class DenseCounting
{
    /// <summary>Below 2^17 labels one thread is faster than starting workers.</summary>
    public const int ParallelThreshold = 1 << 17;

    /// <summary>Each worker takes at least 2^16 labels.</summary>
    private const int MinChunk = 1 << 16;

    /// <summary>Tables up to 2^12 cells get four interleaved copies per worker, so runs of one
    /// cell (sorted or constant labels) do not wait on their own previous increment.</summary>
    private const int InterleaveCells = 1 << 12;

    public static int WorkersFor(int n, int requested) =>
        requested > 0 ? requested
        : n < ParallelThreshold ? 1
        : Math.Max(1, Math.Min(Environment.ProcessorCount, n / MinChunk));

    public static int[] Count<TIndexer>(TIndexer pairs, int n, int cells, int workers)
        where TIndexer : struct, IPairIndexer
    {
        int lanes = LanesFor(cells);
        if (workers <= 1) return Fold(CountChunk(pairs, 0, n, cells, lanes), cells, lanes);

        // One table per worker over its own contiguous chunk.
        var tables = new int[workers][];
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            int start = (int)((long)n * w / workers), end = (int)((long)n * (w + 1) / workers);
            tables[w] = CountChunk(pairs, start, end, cells, lanes);
        });

        // Add them up (exact, so order does not matter).
        int[] total = tables[0];
        for (int w = 1; w < workers; w++) Add(total, tables[w]);
        return Fold(total, cells, lanes);
    }

    private static int[] CountChunk<TIndexer>(TIndexer pairs, int start, int end, int cells, int lanes)
        where TIndexer : struct, IPairIndexer
    {
        var table = new int[cells * lanes];
        CountInto(pairs, start, end, table, cells, lanes);
        return table;
    }

    /// <summary>Adds items start..end−1 into <paramref name="table"/>: <paramref name="lanes"/>
    /// interleaved copies of <paramref name="cells"/> cells. The indexer's cells are in range by
    /// construction (codes below their counts, values inside the table's ranges), so the
    /// increments go through a pointer without bounds checks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void CountInto<TIndexer>(TIndexer pairs, int start, int end, int[] table, int cells,
        int lanes)
        where TIndexer : struct, IPairIndexer
    {
        Debug.Assert(table.Length >= cells * lanes);
        fixed (int* first = table)
        {
            int i = start;
            if (lanes == 4)
            {
                // Four items per step, each into its own copy of the table.
                int* second = first + cells, third = second + cells, fourth = third + cells;
                for (; i + 4 <= end; i += 4)
                {
                    first[pairs.Index(i)]++;
                    second[pairs.Index(i + 1)]++;
                    third[pairs.Index(i + 2)]++;
                    fourth[pairs.Index(i + 3)]++;
                }
            }
            else
            {
                // Four items per step into one table: fewer loop branches.
                for (; i + 4 <= end; i += 4)
                {
                    first[pairs.Index(i)]++;
                    first[pairs.Index(i + 1)]++;
                    first[pairs.Index(i + 2)]++;
                    first[pairs.Index(i + 3)]++;
                }
            }

            for (; i < end; i++) first[pairs.Index(i)]++;
        }
    }

    /// <summary>The copies per worker table for a table of <paramref name="cells"/> cells.</summary>
    public static int LanesFor(long cells) => cells <= InterleaveCells ? 4 : 1;

    /// <summary>Adds the interleaved copies into the first <paramref name="cells"/> entries.</summary>
    public static int[] Fold(int[] table, int cells, int lanes)
    {
        if (lanes == 1) return table;
        Span<int> first = table.AsSpan(0, cells);
        for (int lane = 1; lane < lanes; lane++) Add(first, table.AsSpan(lane * cells, cells));
        return table;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Add(Span<int> total, ReadOnlySpan<int> part)
    {
        int i = 0;
        for (; i + Vector<int>.Count <= part.Length; i += Vector<int>.Count)
        {
            (new Vector<int>(total[i..]) + new Vector<int>(part[i..])).CopyTo(total[i..]);
        }

        for (; i < part.Length; i++) total[i] += part[i];
    }
}
