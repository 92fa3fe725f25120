namespace VmMiddleware.Submit;

/// <summary>A logical line of a submit file (continuations joined) and the 1-based line it starts on.</summary>
/// <param name="Text">The text: trimmed for statements, as written for raw lines.</param>
/// <param name="Line">The 1-based physical line the text starts on.</param>
internal readonly record struct SourceLine(string Text, int Line);
