namespace VmMiddleware.Host.Sizes;

/// <summary>Why a size text was refused: what kind of problem, and the 0-based offset in the text where it starts.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Offset">The 0-based character offset of the first character that is wrong (0 when the whole number is).</param>
public sealed record SizeError(SizeErrorKind Kind, int Offset);
