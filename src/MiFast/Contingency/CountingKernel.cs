namespace MiFast;

/// <summary>The strategies that turn two code arrays into the non-zero cells of a table.</summary>
public enum CountingKernel
{
    /// <summary>Pick by table size: <see cref="Dense"/> while the table is small next to n,
    /// <see cref="SortedKeys"/> otherwise.</summary>
    Auto,

    /// <summary>Count into a dense R×C array by offset, then keep the non-zero cells.
    /// O(n + R·C) time, O(R·C) memory.</summary>
    Dense,

    /// <summary>Sort the packed keys row·C + column and count runs. O(n log n) time,
    /// 8 bytes per label; for tables too large to hold densely (every item its own cluster).</summary>
    SortedKeys,
}
