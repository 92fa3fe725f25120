namespace VmMiddleware.Submit;

/// <summary>The nesting of if/elif/else/endif in one file and whether the current line is taken.</summary>
internal sealed class IfStack
{
    private readonly Stack<Frame> frames = new();

    /// <summary>Gets whether statements at the current position are used (every enclosing branch is taken).</summary>
    public bool Enabled => frames.Count == 0 || frames.Peek().Taking;

    /// <summary>Gets the line of the innermost open if, or 0 when none is open.</summary>
    public int OpenLine => frames.Count == 0 ? 0 : frames.Peek().Line;

    /// <summary>Gets whether an enclosing branch is not taken, so conditions here must not even be evaluated.</summary>
    public bool OuterDisabled => frames.Count > 0 && !frames.Peek().OuterEnabled;

    /// <summary>Opens an if whose condition is <paramref name="condition"/> (ignored when the enclosing branch is not taken).</summary>
    public void If(bool condition, int line)
    {
        var outer = Enabled;
        frames.Push(new Frame(line, outer, outer && condition, outer && condition, SeenElse: false));
    }

    /// <summary>Applies an elif; returns an error message or null.</summary>
    public string? Elif(Func<bool> condition)
    {
        if (frames.Count == 0)
        {
            return "elif without matching if";
        }

        var top = frames.Pop();
        if (top.SeenElse)
        {
            frames.Push(top);
            return "elif is not allowed after else";
        }

        var taking = top.OuterEnabled && !top.AnyTaken && condition();
        frames.Push(top with { Taking = taking, AnyTaken = top.AnyTaken || taking });
        return null;
    }

    /// <summary>Applies an else; returns an error message or null.</summary>
    public string? Else()
    {
        if (frames.Count == 0)
        {
            return "else without matching if";
        }

        var top = frames.Pop();
        if (top.SeenElse)
        {
            frames.Push(top);
            return "else is not allowed after else";
        }

        frames.Push(top with { Taking = top.OuterEnabled && !top.AnyTaken, AnyTaken = true, SeenElse = true });
        return null;
    }

    /// <summary>Closes the innermost if; returns an error message or null.</summary>
    public string? EndIf()
    {
        if (frames.Count == 0)
        {
            return "endif without matching if";
        }

        frames.Pop();
        return null;
    }

    private sealed record Frame(int Line, bool OuterEnabled, bool Taking, bool AnyTaken, bool SeenElse);
}
