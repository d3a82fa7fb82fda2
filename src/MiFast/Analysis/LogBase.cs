using System.Globalization;

namespace MiFast.Analysis;

/// <summary>
/// The unit of an information quantity: the base of its logarithm. The engine works in nats
/// (base e); <see cref="FromNats"/> converts a value by x_b = x_nats / ln b.
/// </summary>
/// <remarks>Base e is the identity (the value is returned unchanged, bit for bit); base 2 gives
/// bits, base 10 hartleys (bans). Any finite base b &gt; 0, b ≠ 1 is accepted.</remarks>
public readonly record struct LogBase
{
    private LogBase(double value, string unit)
    {
        Value = value;
        Unit = unit;
    }

    /// <summary>Natural logarithms: nats.</summary>
    public static LogBase E { get; } = new(Math.E, "nats");

    /// <summary>Base 2: bits (shannons).</summary>
    public static LogBase Two { get; } = new(2, "bits");

    /// <summary>Base 10: hartleys (bans).</summary>
    public static LogBase Ten { get; } = new(10, "hartleys");

    /// <summary>The base b.</summary>
    public double Value { get; }

    /// <summary>The unit's name: "nats", "bits", "hartleys" or "log-base-b units".</summary>
    public string Unit { get; }

    /// <summary>A base given by its value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">b is not finite, not positive, or 1.</exception>
    public static LogBase Of(double b)
    {
        if (!double.IsFinite(b) || b <= 0 || b == 1)
        {
            throw new ArgumentOutOfRangeException(nameof(b), b, "A log base must be finite, positive and not 1.");
        }

        if (b == Math.E) return E;
        if (b == 2) return Two;
        if (b == 10) return Ten;
        return new LogBase(b, string.Create(CultureInfo.InvariantCulture, $"log-base-{b:R} units"));
    }

    /// <summary>Parses "e", "2", "10" or any number b (invariant culture).</summary>
    /// <returns>False when the text is not "e" nor a finite positive number other than 1.</returns>
    public static bool TryParse(string? text, out LogBase logBase)
    {
        logBase = E;
        if (text is null) return false;
        text = text.Trim();
        if (text is "e" or "E") return true;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double b)
            || !double.IsFinite(b) || b <= 0 || b == 1)
        {
            return false;
        }

        logBase = Of(b);
        return true;
    }

    /// <summary>Converts a value in nats to this base: x / ln b (x itself for base e).</summary>
    public double FromNats(double nats) => Value == Math.E ? nats : nats / Math.Log(Value);

    /// <inheritdoc/>
    public override string ToString() => Value == Math.E ? "e" : Value.ToString("R", CultureInfo.InvariantCulture);
}
