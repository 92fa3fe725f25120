namespace VmMiddleware.ClassAds.Syntax;

/// <summary>One spare parser per thread, so that parsing a short expression does not allocate the parser and its scratch stack.</summary>
/// <remarks>Only the objects are reused, never results: a rented parser is set up from scratch over the new text.</remarks>
internal sealed partial class Parser
{
    [ThreadStatic]
    private static Parser? t_spare;

    /// <summary>Takes this thread's spare parser (or makes one) set up over <paramref name="text"/>; hand it back with <see cref="Return"/>.</summary>
    /// <remarks>A caller that throws simply never returns its parser; a nested parse finds no spare and makes its own.</remarks>
    public static Parser Rent(string text, string? source = null, int start = 0, bool oldSyntax = false, int end = -1, int lineStart = 0, TimeProvider? clock = null)
    {
        var parser = t_spare;
        if (parser is null)
        {
            return new Parser(text, source, start, oldSyntax, end, lineStart, clock);
        }

        t_spare = null;
        parser.Start(text, source, start, oldSyntax, end, lineStart, clock);
        return parser;
    }

    /// <summary>Keeps a parser that finished its parse as this thread's spare, dropping its references to the text.</summary>
    public static void Return(Parser parser)
    {
        parser._lexer = default;
        parser._source = null;
        parser._clock = null;
        parser._token = default;
        parser._failure = default;
        parser._scratch.AsSpan(0, parser._scratchTop).Clear();
        parser._scratchTop = 0;

        // A scratch stack grown by one huge list literal is not kept alive for the rest of the thread's life.
        if (parser._scratch.Length > 256)
        {
            parser._scratch = [];
        }
        t_spare = parser;
    }

    private void Start(string text, string? source, int start, bool oldSyntax, int end, int lineStart, TimeProvider? clock)
    {
        _lexer = new Lexer(text, start, oldSyntax, end, lineStart);
        _source = source;
        _clock = clock;
        _failed = false;
        _failure = default;
        _nesting = 0;
        _nestedAds = 0;
        _scratchTop = 0;
        _token = _lexer.Next();
    }
}
