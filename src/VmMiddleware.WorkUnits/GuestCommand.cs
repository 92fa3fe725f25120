using VmMiddleware.WorkUnits.Collections;

namespace VmMiddleware.WorkUnits;

/// <summary>The command the guest runs: executable, arguments, environment and working directory.</summary>
public sealed record GuestCommand
{
    /// <summary>Gets the program to run, as a path inside the guest (or a name looked up on the guest's PATH).</summary>
    public required string Executable
    {
        get;
        init
        {
            ArgumentException.ThrowIfNullOrEmpty(value, nameof(Executable));
            field = RequireNoNul(value, nameof(Executable));
        }
    }

    /// <summary>Gets the arguments passed after the executable; empty by default.</summary>
    public IReadOnlyList<string> Arguments
    {
        get;
        init
        {
            var list = ValueList<string>.From(value);
            foreach (var argument in list)
            {
                ArgumentNullException.ThrowIfNull(argument, nameof(Arguments));
                RequireNoNul(argument, nameof(Arguments));
            }

            field = list;
        }
    } = ValueList<string>.Empty;

    /// <summary>Gets the environment variables set for the command, in the order they were given; empty by default.</summary>
    public IReadOnlyDictionary<string, string> Environment
    {
        get;
        init
        {
            var map = OrderedMap.From(value, StringComparer.Ordinal);
            foreach (var (name, text) in map)
            {
                if (!WorkUnitRules.IsIdentifier(name))
                {
                    throw new ArgumentException(
                        $"The environment variable name '{name}' is not valid; expected {WorkUnitRules.IdentifierExpectation}.",
                        nameof(Environment));
                }

                RequireNoNul(text, nameof(Environment));
            }

            field = map;
        }
    } = OrderedMap.Empty(StringComparer.Ordinal);

    /// <summary>Gets the absolute guest directory the command starts in, or null for the guest's default (/work).</summary>
    public string? WorkingDirectory
    {
        get;
        init
        {
            if (value is not null && (!value.StartsWith('/') || value.Contains('\0', StringComparison.Ordinal)))
            {
                throw new ArgumentException($"The working directory '{value}' must be an absolute guest path.", nameof(WorkingDirectory));
            }

            field = value;
        }
    }

    private static string RequireNoNul(string value, string paramName) =>
        value.Contains('\0', StringComparison.Ordinal)
            ? throw new ArgumentException($"{paramName} must not contain NUL characters.", paramName)
            : value;
}
