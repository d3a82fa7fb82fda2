using System.Runtime.InteropServices;
using System.Text;

namespace MiFast.Compare;

/// <summary>Reads the 1-D little-endian int32/int64 .npy files that compare.py writes.</summary>
internal static class Npy
{
    public static int[] ReadInt32(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < 10 || bytes[0] != 0x93 || Encoding.ASCII.GetString(bytes, 1, 5) != "NUMPY")
        {
            throw new InvalidDataException($"{path}: not a .npy file");
        }

        // Version 1 has a 2-byte header length, versions 2 and 3 a 4-byte one.
        int major = bytes[6];
        int headerLength = major == 1 ? BitConverter.ToUInt16(bytes, 8) : BitConverter.ToInt32(bytes, 8);
        int dataStart = (major == 1 ? 10 : 12) + headerLength;
        string header = Encoding.ASCII.GetString(bytes, major == 1 ? 10 : 12, headerLength);
        if (!header.Contains("'<i4'", StringComparison.Ordinal) || header.Contains("True", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: expected a C-order little-endian int32 array, got {header}");
        }

        return MemoryMarshal.Cast<byte, int>(bytes.AsSpan(dataStart)).ToArray();
    }
}
