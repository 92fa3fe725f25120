using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace VmMiddleware.WorkUnits.Text;

/// <summary>Reads files as strict UTF-8: an invalid byte is reported with its line and column instead of silently becoming U+FFFD.</summary>
internal static class StrictUtf8
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>Reads the whole file at <paramref name="path"/>, refusing files over <paramref name="maxBytes"/> bytes.</summary>
    /// <returns>The bytes, or null when the file is longer than <paramref name="maxBytes"/>.</returns>
    public static byte[]? ReadBytes(string path, long maxBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (stream.Length > maxBytes)
        {
            return null;
        }

        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>Returns whether <paramref name="bytes"/> start with a UTF-16 or UTF-32 byte-order mark, which names another encoding.</summary>
    public static bool HasOtherEncodingMark(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
        || bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]);

    /// <summary>Decodes <paramref name="bytes"/> as UTF-16 or UTF-32 when a byte-order mark names one of them, else as strict
    /// UTF-8 (<see cref="TryDecode"/>).</summary>
    /// <returns>Whether the bytes could be decoded; when not, <paramref name="error"/> says where UTF-8 stops being valid.</returns>
    public static bool TryDecodeText(byte[] bytes, out string? text, out Utf8Error error)
    {
        if (HasOtherEncodingMark(bytes))
        {
            using var other = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            text = other.ReadToEnd();
            error = default;
            return true;
        }

        return TryDecode(bytes, out text, out error);
    }

    /// <summary>Decodes <paramref name="bytes"/> (after an optional UTF-8 byte-order mark) or finds the first invalid sequence.</summary>
    /// <param name="bytes">The file's bytes.</param>
    /// <param name="text">The decoded text, or null when the bytes are not valid UTF-8.</param>
    /// <param name="error">Where the first invalid byte is and what it is, when <paramref name="text"/> is null.</param>
    /// <returns>Whether the bytes are valid UTF-8.</returns>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out string? text, out Utf8Error error)
    {
        if (bytes.StartsWith(Bom))
        {
            bytes = bytes[Bom.Length..];
        }

        var chars = new char[bytes.Length];
        var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status == OperationStatus.Done)
        {
            text = new string(chars, 0, written);
            error = default;
            return true;
        }

        // The valid prefix is decoded: count its lines, and its characters since the last line break, for the position.
        var prefix = chars.AsSpan(0, written);
        var lastBreak = prefix.LastIndexOf('\n');
        text = null;
        error = new Utf8Error(prefix.Count('\n') + 1, written - lastBreak, read < bytes.Length ? bytes[read] : (byte)0);
        return false;
    }
}
