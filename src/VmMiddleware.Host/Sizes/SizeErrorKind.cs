namespace VmMiddleware.Host.Sizes;

/// <summary>The kinds of problem <see cref="SizeSyntax.TryParse"/> reports.</summary>
public enum SizeErrorKind
{
    /// <summary>The text does not follow the size syntax (no digits, or an unknown suffix).</summary>
    NotASize,

    /// <summary>The number of bytes does not fit a signed 64-bit integer.</summary>
    TooLarge,
}
