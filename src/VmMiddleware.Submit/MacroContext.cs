namespace VmMiddleware.Submit;

/// <summary>What macro functions read besides macros: the environment for $ENV, the random generator and the directory $Ff resolves against.</summary>
/// <param name="Environment">The variables $ENV reads.</param>
/// <param name="Random">The generator behind $RANDOM_CHOICE and $RANDOM_INTEGER.</param>
/// <param name="BaseDirectory">The absolute directory relative file names resolve against.</param>
internal sealed record MacroContext(IReadOnlyDictionary<string, string> Environment, Random Random, string BaseDirectory)
{
    /// <summary>Returns the value of environment variable <paramref name="name"/>, or null when it is not set.</summary>
    public string? GetEnvironmentVariable(string name) =>
        Environment.TryGetValue(name, out var value) ? value : null;
}
