namespace VmMiddleware.Submit;

/// <summary>A macro (submit command) as the file defined it: the key as first written, the unexpanded value and where it was last set.</summary>
/// <param name="Key">The key as first written (+Name for job attributes).</param>
/// <param name="Raw">The value with self references already replaced and every other macro still unexpanded.</param>
/// <param name="File">The file of the latest definition.</param>
/// <param name="Line">The line of the latest definition.</param>
internal sealed record MacroDefinition(string Key, string Raw, string File, int Line);
