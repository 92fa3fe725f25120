namespace VmMiddleware.ClassAds.Syntax;

/// <summary>One token with its source position and, for literals and identifiers, its value.</summary>
internal readonly record struct Token(
    TokenKind Kind,
    int Offset,
    int Line,
    int Column,
    string? Text = null,
    long Integer = 0,
    double Real = 0,
    char Factor = '\0',
    string? Error = null,
    NameInfo? Name = null);
