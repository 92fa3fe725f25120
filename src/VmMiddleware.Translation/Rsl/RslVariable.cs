namespace VmMiddleware.Translation.Rsl;

/// <summary>A reference $(NAME) to an RSL substitution variable, defined by rsl_substitution or by the job manager (HOME, GLOBUSRUN_GASS_URL, ...).</summary>
public sealed record RslVariable : RslValue
{
    /// <summary>Initializes a variable reference.</summary>
    /// <param name="name">The variable's name; not empty.</param>
    public RslVariable(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("An RSL variable name cannot contain NUL characters.", nameof(name));
        }

        Name = name;
    }

    /// <summary>Gets the variable's name, case as written.</summary>
    public string Name { get; }

    /// <summary>Returns the reference as the writer prints it.</summary>
    public override string ToString() => RslWriter.Write(this);
}
