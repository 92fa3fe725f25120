namespace VmMiddleware.Translation.Rsl;

/// <summary>A literal string value; the writer always quotes it.</summary>
public sealed record RslLiteral : RslValue
{
    /// <summary>Initializes a literal with its unquoted text.</summary>
    /// <param name="text">The text, which may be empty and may hold any character but NUL.</param>
    public RslLiteral(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("An RSL literal cannot contain NUL characters.", nameof(text));
        }

        Text = text;
    }

    /// <summary>Gets the unquoted text.</summary>
    public string Text { get; }

    /// <summary>Returns the literal as the writer prints it.</summary>
    public override string ToString() => RslWriter.Quote(Text);
}
