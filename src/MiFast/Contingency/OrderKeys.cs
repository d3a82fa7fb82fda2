using System.Runtime.CompilerServices;

namespace MiFast.Contingency;

/// <summary>A bijection between a label type and 64-bit keys that preserves order.</summary>
internal interface IOrderKey<T>
{
    static abstract ulong ToKey(T value);

    static abstract T FromKey(ulong key);
}

// Signed values: flipping the sign bit of the 64-bit two's complement keeps the order.
internal readonly struct Int64Key : IOrderKey<long>
{
    private const ulong SignBit = 1UL << 63;

    public static ulong ToKey(long value) => (ulong)value ^ SignBit;

    public static long FromKey(ulong key) => (long)(key ^ SignBit);
}

internal readonly struct Int32Key : IOrderKey<int>
{
    public static ulong ToKey(int value) => Int64Key.ToKey(value);

    public static int FromKey(ulong key) => (int)Int64Key.FromKey(key);
}

internal readonly struct Int16Key : IOrderKey<short>
{
    public static ulong ToKey(short value) => Int64Key.ToKey(value);

    public static short FromKey(ulong key) => (short)Int64Key.FromKey(key);
}

internal readonly struct SByteKey : IOrderKey<sbyte>
{
    public static ulong ToKey(sbyte value) => Int64Key.ToKey(value);

    public static sbyte FromKey(ulong key) => (sbyte)Int64Key.FromKey(key);
}

internal readonly struct IntPtrKey : IOrderKey<nint>
{
    public static ulong ToKey(nint value) => Int64Key.ToKey(value);

    public static nint FromKey(ulong key) => (nint)Int64Key.FromKey(key);
}

// Unsigned values are their own keys.
internal readonly struct UInt64Key : IOrderKey<ulong>
{
    public static ulong ToKey(ulong value) => value;

    public static ulong FromKey(ulong key) => key;
}

internal readonly struct UInt32Key : IOrderKey<uint>
{
    public static ulong ToKey(uint value) => value;

    public static uint FromKey(ulong key) => (uint)key;
}

internal readonly struct UInt16Key : IOrderKey<ushort>
{
    public static ulong ToKey(ushort value) => value;

    public static ushort FromKey(ulong key) => (ushort)key;
}

internal readonly struct ByteKey : IOrderKey<byte>
{
    public static ulong ToKey(byte value) => value;

    public static byte FromKey(ulong key) => (byte)key;
}

internal readonly struct CharKey : IOrderKey<char>
{
    public static ulong ToKey(char value) => value;

    public static char FromKey(ulong key) => (char)key;
}

internal readonly struct UIntPtrKey : IOrderKey<nuint>
{
    public static ulong ToKey(nuint value) => value;

    public static nuint FromKey(ulong key) => (nuint)key;
}

/// <summary>
/// Doubles by numeric value: −0.0 is the label 0.0 and every NaN is one label (numpy's
/// <c>unique</c> does the same); NaN sorts after +∞.
/// </summary>
internal readonly struct DoubleKey : IOrderKey<double>
{
    private const ulong SignBit = 1UL << 63;
    private const ulong CanonicalNaNBits = 0x7FF8_0000_0000_0000;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ToKey(double value)
    {
        // Canonicalize (every NaN is the positive quiet NaN, −0.0 is +0.0), then map IEEE
        // sign-magnitude onto an unsigned order.
        if (double.IsNaN(value)) return CanonicalNaNBits | SignBit;
        if (value == 0) value = 0.0;
        ulong bits = BitConverter.DoubleToUInt64Bits(value);
        return (bits & SignBit) != 0 ? ~bits : bits | SignBit;
    }

    public static double FromKey(ulong key) =>
        BitConverter.UInt64BitsToDouble((key & SignBit) != 0 ? key & ~SignBit : ~key);
}

internal readonly struct SingleKey : IOrderKey<float>
{
    public static ulong ToKey(float value) => DoubleKey.ToKey(value);

    public static float FromKey(ulong key) => (float)DoubleKey.FromKey(key);
}
