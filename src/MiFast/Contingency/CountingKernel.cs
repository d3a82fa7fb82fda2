namespace MiFast;

/// <summary>
/// The strategies that count label pairs into a contingency table. Every kernel gives the
/// same table; <see cref="Auto"/> picks the fastest for the input, and the others exist so
/// that tests and benchmarks can force each path.
/// </summary>
public enum CountingKernel
{
    /// <summary><see cref="DenseByValue"/> when both labelings are integers of one type whose
    /// value ranges span a small table; otherwise remap the labels to codes, then
    /// <see cref="SingletonSide"/> when a side gives every item its own label,
    /// <see cref="Dense"/> while R·C is small next to n and <see cref="RowBuckets"/> beyond.</summary>
    Auto,

    /// <summary>No remapping: one vectorized min/max pass per side, then count each pair
    /// straight into a (range of true values) × (range of predicted values) array, in parallel
    /// chunks for large n. Falls back to <see cref="Dense"/> for labels that are not integers of
    /// one type or whose ranges are too wide.</summary>
    DenseByValue,

    /// <summary>Remap both labelings to codes, count into a dense R×C array by offset (in
    /// parallel chunks for large n), keep the non-zero cells. O(n + R·C) time,
    /// O(R·C·workers) memory.</summary>
    Dense,

    /// <summary>Remap, then two stable counting sorts (by column, then by row) put the items in
    /// row-major order, and runs are counted. O(n + R + C) time, 12 bytes per label; for tables
    /// too large to hold densely (every item its own cluster).</summary>
    RowBuckets,

    /// <summary>Remap, sort the packed keys row·C + column and count runs. O(n log n) time,
    /// 8 bytes per label: the plain reference for the sparse kernels.</summary>
    SortedKeys,

    /// <summary>No counting where one labeling gives every item its own label (R = n or
    /// C = n): every cell then counts 1, so the two code arrays are the table, and the scores
    /// need only the other side's sizes. Cells are laid out only if read. O(n) time, 8 bytes
    /// per label. Falls back to <see cref="Auto"/> when neither side is all singletons.</summary>
    SingletonSide,
}
