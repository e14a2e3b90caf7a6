using System.Buffers.Binary;
using System.Text;

namespace Broadcast.Protocol.Control;

/// <summary>
/// Error report. Body (3 to 203 bytes): code u16, detail length u8 (at most 200), detail UTF-8 (for the
/// technician; never contains secrets).
/// </summary>
public sealed record ErrorMessage(ErrorCode Code, string Detail)
{
    /// <summary>Largest UTF-8 detail.</summary>
    public const int MaxDetailBytes = 200;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>Reads header and body; refuses invalid UTF-8 and inconsistent lengths.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out ErrorMessage? message, out int consumed)
    {
        message = null;
        if (!ControlFrame.TryReadHeader(source, ControlMessageType.Error, 3, 3 + MaxDetailBytes, out var body, out consumed)
            || body[2] != body.Length - 3 || !System.Text.Unicode.Utf8.IsValid(body[3..]))
        {
            consumed = 0;
            return false;
        }

        message = new ErrorMessage((ErrorCode)BinaryPrimitives.ReadUInt16BigEndian(body), StrictUtf8.GetString(body[3..]));
        return true;
    }

    /// <summary>Writes header and body; false when the detail is longer than 200 UTF-8 bytes.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        var detail = Detail ?? string.Empty;
        var detailBytes = StrictUtf8.GetByteCount(detail);
        if ((uint)Code > ushort.MaxValue || detailBytes > MaxDetailBytes
            || !ControlFrame.TryWriteHeader(destination, ControlMessageType.Error, 3 + detailBytes, out var body))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(body, (ushort)Code);
        body[2] = (byte)detailBytes;
        StrictUtf8.GetBytes(detail, body[3..]);
        written = ControlFrame.HeaderSize + 3 + detailBytes;
        return true;
    }
}
