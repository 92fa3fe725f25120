using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Syntax;

/// <summary>A hand-written recursive-descent parser for ClassAd expressions with HTCondor's precedence and associativity.</summary>
/// <remarks>A parse error does not throw inside the parser: the first one is recorded (<see cref="Failed"/>,
/// <see cref="Failure"/>) and the rest of the input is dropped, so every rule sees end of input and returns at once with a
/// placeholder. The entry points then throw or report it; input that is refused costs no exception unwinding.</remarks>
internal sealed partial class Parser
{
    /// <summary>The deepest expression tree accepted; deeper input is a parse error, never a stack overflow.</summary>
    public const int MaxDepth = 1000;

    private Lexer _lexer;
    private string? _source;
    private TimeProvider? _clock;
    private Token _token;
    private int _nesting;
    private int _nestedAds;
    private bool _failed;
    private ParseFailure _failure;

    public Parser(string text, string? source = null, int start = 0, bool oldSyntax = false, int end = -1, int lineStart = 0, TimeProvider? clock = null)
    {
        Start(text, source, start, oldSyntax, end, lineStart, clock);
    }

    public Token Current => _token;

    /// <summary>Gets a value indicating whether the parse met an error; the rest of its input was then dropped.</summary>
    public bool Failed => _failed;

    /// <summary>Gets the first error of the parse (meaningful when <see cref="Failed"/>).</summary>
    public ParseFailure Failure => _failure;

    /// <summary>Restarts parsing over another span of the same text (old-syntax lines reuse one parser).</summary>
    public void Reset(int start, int end, int lineStart)
    {
        _lexer.Reset(start, end, lineStart);
        _nesting = 0;
        _nestedAds = 0;
        _scratchTop = 0;
        _failed = false;
        _failure = default;
        _token = _lexer.Next();
    }

    /// <summary>Parses all of <paramref name="text"/> as one expression; throws <see cref="ClassAdParseException"/> when it does not parse.</summary>
    public static Expr ParseExpression(string text, string? source = null, TimeProvider? clock = null)
    {
        if (TryParseExpression(text, out var expr, out var failure, clock))
        {
            return expr;
        }

        throw failure.ToException(source);
    }

    /// <summary>Parses all of <paramref name="text"/> as one expression without throwing; on failure <paramref name="failure"/> says where and what.</summary>
    public static bool TryParseExpression(string text, [NotNullWhen(true)] out Expr? expr, out ParseFailure failure, TimeProvider? clock = null)
    {
        var parser = Rent(text, source: null, clock: clock);
        expr = parser.ParseFullExpression();

        // source.cpp parseExpression returns from its conditional branch before the full-parse check, so HTCondor
        // ignores whatever follows a top-level a ? b : c.
        if (expr is not OperationExpr { Op: OpKind.Ternary, Right: not null })
        {
            parser.Expect(TokenKind.EndOfInput, "end of input");
        }

        var failed = parser._failed;
        failure = parser._failure;
        Return(parser);
        if (failed)
        {
            expr = null;
            return false;
        }

        return true;
    }

    public Expr ParseFullExpression() => Expression(out _);

    /// <summary>Throws the recorded error, if the parse met one, as a <see cref="ClassAdParseException"/> naming this parser's source.</summary>
    public void ThrowIfFailed()
    {
        if (_failed)
        {
            throw _failure.ToException(_source);
        }
    }

    /// <summary>Gets a value indicating whether the expressions parsed so far contain a nested ad literal.</summary>
    public bool SawNestedAds => _nestedAds > 0;

    // Not inlined: every inlined copy would put its own 32-byte token temporary (it holds a reference) in the caller's
    // frame, which the prologue then zeroes on every call; Primary's frame grew to half a kilobyte that way.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Advance() => _token = _lexer.Next();

    /// <summary>Records that <paramref name="expected"/> was expected at the current token (or the token's own error).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void FailExpected(string expected)
    {
        if (_failed)
        {
            return;
        }

        if (_token.Kind == TokenKind.TokenError)
        {
            Fail(_token.Line, _token.Column, _token.Error ?? "invalid token");
        }
        else
        {
            Fail(_token.Line, _token.Column, "unexpected " + Describe(_token) + ", expected " + expected);
        }
    }

    /// <summary>Records the first error and drops the rest of the input, so that every rule still running returns at once.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Fail(int line, int column, string problem)
    {
        if (!_failed)
        {
            _failed = true;
            _failure = new ParseFailure(line, column, OneLine(problem));
        }

        _lexer.Stop();
        _token = Token.Simple(TokenKind.EndOfInput, _token.Offset, _token.Line, _token.Column);
    }

    public void Expect(TokenKind kind, string expected)
    {
        if (_token.Kind != kind)
        {
            FailExpected(expected);
            return;
        }

        Advance();
    }

    /// <summary>Consumes a token of <paramref name="kind"/>; the message <paramref name="expected"/> + <paramref name="subject"/> is built only on failure.</summary>
    public void Expect(TokenKind kind, string expected, string subject)
    {
        if (_token.Kind != kind)
        {
            FailExpectedOf(expected, subject);
            return;
        }

        Advance();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void FailExpectedOf(string expected, string subject)
    {
        if (!_failed)
        {
            FailExpected(expected + subject);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Enter()
    {
        // Probing the stack costs a native call: every eighth level is enough, the probe leaves a wide margin.
        if (++_nesting > MaxDepth || ((_nesting & 7) == 0 && !RuntimeHelpers.TryEnsureSufficientExecutionStack()))
        {
            FailTooDeep();
        }
    }

    // The failure lives in its own method so that this check, made for every node, is small enough to inline.
    private Expr CheckDepth(int depth, Expr expr)
    {
        if (depth > MaxDepth)
        {
            FailTooDeep();
        }

        return expr;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void FailTooDeep() =>
        Fail(_token.Line, _token.Column, "expression nested too deeply (more than " + MaxDepth + " levels)");

    // Enter() and the matching _nesting-- need no try/finally: nothing in a parse throws, and a parser taken from the
    // pool (or made) starts again at nesting 0.
    private Expr Expression(out int depth)
    {
        Enter();
        var cond = Binary(0, out depth);
        if (_token.Kind != TokenKind.QMark)
        {
            _nesting--;
            return cond;
        }

        Advance();
        var then = Expression(out var d2);
        Expect(TokenKind.Colon, "':' of the conditional expression");
        var otherwise = Expression(out var d4);
        depth = Math.Max(depth, Math.Max(d2, d4)) + 1;
        _nesting--;
        return CheckDepth(depth, new OperationExpr(OpKind.Ternary, cond, then, otherwise));
    }

    private static int Precedence(TokenKind kind, out OpKind op)
    {
        switch (kind)
        {
            case TokenKind.LogicalOr: op = OpKind.LogicalOr; return 1;
            case TokenKind.LogicalAnd: op = OpKind.LogicalAnd; return 2;
            case TokenKind.BitwiseOr: op = OpKind.BitwiseOr; return 3;
            case TokenKind.BitwiseXor: op = OpKind.BitwiseXor; return 4;
            case TokenKind.BitwiseAnd: op = OpKind.BitwiseAnd; return 5;
            case TokenKind.Equal: op = OpKind.Equal; return 6;
            case TokenKind.NotEqual: op = OpKind.NotEqual; return 6;
            case TokenKind.MetaEqual: op = OpKind.MetaEqual; return 6;
            case TokenKind.MetaNotEqual: op = OpKind.MetaNotEqual; return 6;
            case TokenKind.LessThan: op = OpKind.LessThan; return 7;
            case TokenKind.LessOrEqual: op = OpKind.LessOrEqual; return 7;
            case TokenKind.GreaterThan: op = OpKind.GreaterThan; return 7;
            case TokenKind.GreaterOrEqual: op = OpKind.GreaterOrEqual; return 7;
            case TokenKind.LeftShift: op = OpKind.LeftShift; return 8;
            case TokenKind.RightShift: op = OpKind.RightShift; return 8;
            case TokenKind.URightShift: op = OpKind.UnsignedRightShift; return 8;
            case TokenKind.Plus: op = OpKind.Add; return 9;
            case TokenKind.Minus: op = OpKind.Subtract; return 9;
            case TokenKind.Multiply: op = OpKind.Multiply; return 10;
            case TokenKind.Divide: op = OpKind.Divide; return 10;
            case TokenKind.Modulus: op = OpKind.Modulus; return 10;
            default: op = default; return -1;
        }
    }

    // Precedence climbing: every binary operator is left-associative, as in HTCondor's grammar.
    private Expr Binary(int minPrecedence, out int depth)
    {
        var left = Unary(out depth);
        while (true)
        {
            // Most tokens after an operand are no binary operator (')', ',', end of input): let them out without a call.
            if ((uint)(_token.Kind - TokenKind.Multiply) > (uint)(TokenKind.MetaNotEqual - TokenKind.Multiply))
            {
                return left;
            }

            var prec = Precedence(_token.Kind, out var op);
            if (prec < 0 || prec < minPrecedence)
            {
                return left;
            }

            Advance();
            var right = Binary(prec + 1, out var rightDepth);
            depth = Math.Max(depth, rightDepth) + 1;
            left = CheckDepth(depth, new OperationExpr(op, left, right));
        }
    }

    private Expr Unary(out int depth)
    {
        OpKind op;
        switch (_token.Kind)
        {
            case TokenKind.Minus: op = OpKind.UnaryMinus; break;
            case TokenKind.Plus: op = OpKind.UnaryPlus; break;
            case TokenKind.LogicalNot: op = OpKind.LogicalNot; break;
            case TokenKind.BitwiseNot: op = OpKind.BitwiseNot; break;
            default: return Postfix(out depth);
        }

        Advance();
        Enter();
        var operand = Unary(out depth);

        // "- 5" prints as "-5", which reads back as a literal: fold it now so printing round-trips to the same tree.
        if (op == OpKind.UnaryMinus && operand is LiteralExpr { Value.Kind: ValueKind.Integer or ValueKind.Real } lit
            && !(lit.Value.Kind == ValueKind.Integer ? lit.Value.AsInteger < 0 : double.IsNegative(lit.Value.AsReal) || double.IsNaN(lit.Value.AsReal)))
        {
            _nesting--;
            return lit with { Value = lit.Value.Kind == ValueKind.Integer ? Value.FromInteger(unchecked(-lit.Value.AsInteger)) : Value.FromReal(-lit.Value.AsReal) };
        }

        depth++;
        _nesting--;
        return CheckDepth(depth, new OperationExpr(op, operand));
    }

    private Expr Postfix(out int depth)
    {
        var expr = Primary(out depth);
        while (true)
        {
            if (_token.Kind == TokenKind.Selection)
            {
                Advance();
                var name = AttributeInfo("an attribute name after '.'");
                depth++;
                expr = CheckDepth(depth, new AttributeRefExpr(expr, name, absolute: false));
            }
            else if (_token.Kind == TokenKind.OpenBox)
            {
                Advance();
                var index = Expression(out var d);
                Expect(TokenKind.CloseBox, "']' closing the subscript");
                depth = Math.Max(depth, d) + 1;
                expr = CheckDepth(depth, new OperationExpr(OpKind.Subscript, expr, index));
            }
            else if (_token.Kind == TokenKind.Elvis)
            {
                // HTCondor's parsePostfixExpression: the right operand of ?: is itself a postfix expression, so
                // "a ?: b != c" is "(a ?: b) != c" and "a ?: b ?: c" is "a ?: (b ?: c)".
                Advance();
                Enter();
                var alt = Postfix(out var d);
                _nesting--;
                depth = Math.Max(depth, d) + 1;
                expr = CheckDepth(depth, new OperationExpr(OpKind.Ternary, expr, null, alt));
            }
            else
            {
                return expr;
            }
        }
    }

    private string AttributeName(string expected) => AttributeInfo(expected).Name;

    private NameInfo AttributeInfo(string expected)
    {
        if (_token.Kind != TokenKind.Identifier)
        {
            FailExpected(expected);
            return PlaceholderName;
        }

        // Quoted names ('a b') come without interning: intern them here so every reference carries its hash.
        var info = _token.Name ?? NameTable.Intern(_token.Text!);
        Advance();
        return info;
    }
}
