using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace OpsCenter.Simulators.Snapshots;

/// <summary>
/// A small PNG standing in for a camera frame: a grey road with a band coloured by the camera and a bar that moves
/// with the event time, so consecutive snapshots of one camera differ. Made by hand (IHDR, IDAT, IEND) so the
/// simulator needs no imaging library.
/// </summary>
internal static class SyntheticSnapshot
{
    public const int Width = 160;
    public const int Height = 90;

    public static byte[] Png(string deviceId, long unixSeconds)
    {
        var hash = (uint)StableHash(deviceId);
        byte r = (byte)(64 + (hash & 0x7F)), g = (byte)(64 + ((hash >> 8) & 0x7F)), b = (byte)(64 + ((hash >> 16) & 0x7F));
        var bar = (int)(unixSeconds % Width);
        var raw = new byte[Height * (1 + Width * 3)];
        for (var y = 0; y < Height; y++)
        {
            var row = y * (1 + Width * 3);
            raw[row] = 0; // filter: none
            for (var x = 0; x < Width; x++)
            {
                var (pr, pg, pb) = y < 20 ? (r, g, b) : Math.Abs(x - bar) < 3 ? ((byte)240, (byte)200, (byte)40) : ((byte)90, (byte)90, (byte)96);
                raw[row + 1 + x * 3] = pr;
                raw[row + 2 + x * 3] = pg;
                raw[row + 3 + x * 3] = pb;
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), Height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: RGB
        Chunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
                zlib.Write(raw);
            Chunk(png, "IDAT", compressed.ToArray());
        }
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typeBytes, data));
        png.Write(number);
    }

    private static uint Crc32(byte[] type, byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var part in new[] { type, data })
        {
            foreach (var octet in part)
            {
                crc ^= octet;
                for (var k = 0; k < 8; k++)
                    crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }
        return crc ^ 0xFFFFFFFFu;
    }

    private static int StableHash(string s)
    {
        var h = 17;
        foreach (var c in s)
            h = unchecked(h * 31 + c);
        return h;
    }
}
