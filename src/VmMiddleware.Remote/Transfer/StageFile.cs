namespace VmMiddleware.Remote.Transfer;

/// <summary>One file of a job directory the gateway builds from its store: where it goes, its content, and whether it is executable.</summary>
/// <param name="RelativePath">The path in the job directory, with '/' separators, no '..' and not absolute.</param>
/// <param name="Sha256">Its SHA-256, 64 lowercase hex digits.</param>
/// <param name="Executable">Whether it is stored executable (mode 0555, else 0444).</param>
public sealed record StageFile(string RelativePath, string Sha256, bool Executable)
{
    /// <summary>Returns the command-line form <c>HEX=PATH</c>, or <c>HEX+x=PATH</c> for an executable.</summary>
    public string Format() => Sha256 + (Executable ? "+x" : string.Empty) + "=" + RelativePath;

    /// <summary>Reads the command-line form <see cref="Format"/> writes.</summary>
    /// <exception cref="FormatException">It is not HEX=PATH or HEX+x=PATH with a relative path inside the job directory.</exception>
    public static StageFile Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var head = equals < 0 ? text : text[..equals];
        var executable = head.EndsWith("+x", StringComparison.Ordinal);
        var sha = executable ? head[..^2] : head;
        var path = equals < 0 ? string.Empty : text[(equals + 1)..];
        if (sha.Length != 64 || !sha.All(char.IsAsciiHexDigitLower))
        {
            throw new FormatException($"'{text}': expected 64 lower-case hex digits, optionally +x, then =PATH");
        }

        if (path.Length == 0 || path.StartsWith('/') || path.Split('/').Any(s => s is "" or "." or ".."))
        {
            throw new FormatException($"'{text}': the path must be relative, inside the job directory, without empty, '.' or '..' parts");
        }

        return new StageFile(path, sha, executable);
    }
}
