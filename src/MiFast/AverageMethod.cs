namespace MiFast;

/// <summary>
/// How normalized and adjusted mutual information average the two entropies H(U) and H(V)
/// into one normalizer, as scikit-learn's <c>average_method</c>.
/// </summary>
public enum AverageMethod
{
    /// <summary>min(H(U), H(V)).</summary>
    Min,

    /// <summary>sqrt(H(U) · H(V)).</summary>
    Geometric,

    /// <summary>(H(U) + H(V)) / 2, scikit-learn's default.</summary>
    Arithmetic,

    /// <summary>max(H(U), H(V)).</summary>
    Max,
}
