using System.Globalization;

namespace VmMiddleware.WorkUnits.Text;

/// <summary>Where a file stops being valid UTF-8: the 1-based line and column (in characters) and the offending byte.</summary>
internal readonly record struct Utf8Error(int Line, int Column, byte Byte)
{
    /// <summary>Gets the detail a message gives, such as "byte 0xFF is not valid UTF-8; expected UTF-8 text".</summary>
    public string Detail => string.Create(CultureInfo.InvariantCulture, $"byte 0x{Byte:X2} is not valid UTF-8; expected UTF-8 text");
}
