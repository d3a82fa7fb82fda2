namespace MiFast;

/// <summary>
/// scikit-learn's pair confusion matrix: the n(n − 1) ordered pairs of distinct items, by
/// whether each labeling puts the two items together.
/// </summary>
/// <remarks>
/// <code>
///                       apart in pred   together in pred
///   apart in true     [     C00              C01        ]
///   together in true  [     C10              C11        ]
/// </code>
/// With n_ij the cells, a_i the row sums and b_j the column sums:
/// C11 = Σ n_ij² − n, C10 = Σ a_i² − Σ n_ij², C01 = Σ b_j² − Σ n_ij²,
/// C00 = n² − Σ a_i² − Σ b_j² + Σ n_ij². The counts are exact 128-bit integers.
/// </remarks>
/// <param name="C00">Ordered pairs apart in both labelings.</param>
/// <param name="C01">Ordered pairs apart in the true labeling, together in the predicted one.</param>
/// <param name="C10">Ordered pairs together in the true labeling, apart in the predicted one.</param>
/// <param name="C11">Ordered pairs together in both labelings.</param>
public readonly record struct PairConfusion(Int128 C00, Int128 C01, Int128 C10, Int128 C11)
{
    /// <summary>The entry at [together in true ? 1 : 0, together in pred ? 1 : 0].</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is not 0 or 1.</exception>
    public Int128 this[int row, int column] => (row, column) switch
    {
        (0, 0) => C00,
        (0, 1) => C01,
        (1, 0) => C10,
        (1, 1) => C11,
        _ => throw new ArgumentOutOfRangeException(nameof(row), "Both indices must be 0 or 1."),
    };

    /// <summary>The total, n(n − 1).</summary>
    public Int128 Total => C00 + C01 + C10 + C11;
}
