using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MiFast;

/// <summary>Every exception the engine throws is built here, so call sites stay one line.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void LengthMismatch(int trueLength, int predLength)
    {
        int t = trueLength, p = predLength;
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"labelsTrue has {t} items but labelsPred has {p}; both labelings must describe the same items."));
    }

    [DoesNotReturn]
    public static void NullLabel(string paramName, int index) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"The label at index {index} is null; null is not a label."), paramName);

    [DoesNotReturn]
    public static void NegativeCount(int index, long count) =>
        throw new ArgumentOutOfRangeException("counts", count, string.Create(
            CultureInfo.InvariantCulture, $"The count at index {index} is negative ({count})."));

    [DoesNotReturn]
    public static void CountsLengthMismatch(int rows, int columns, int counts) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"rowLabels has {rows} items, columnLabels {columns} and counts {counts}: one of each per triplet."));

    [DoesNotReturn]
    public static void TotalCountOverflow() =>
        throw new ArgumentException("The counts add up to more than Int64.MaxValue items.", "counts");

    [DoesNotReturn]
    public static void CellOutOfRange(string paramName, int index, int count) =>
        throw new ArgumentOutOfRangeException(paramName, index, string.Create(
            CultureInfo.InvariantCulture, $"Must be in [0, {count})."));

    [DoesNotReturn]
    public static void InvalidAverageMethod(AverageMethod method) =>
        throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown average method.");

    [DoesNotReturn]
    public static void InvalidKernel(CountingKernel kernel) =>
        throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "Unknown counting kernel.");

    [DoesNotReturn]
    public static void InvalidBeta(double beta) =>
        throw new ArgumentOutOfRangeException(nameof(beta), beta,
            "beta must be a finite, non-negative number.");

    [DoesNotReturn]
    public static void TableTooLargeForDense(int rows, int columns) =>
        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
            $"A dense {rows} x {columns} table has more than {Array.MaxLength} cells."));
}
