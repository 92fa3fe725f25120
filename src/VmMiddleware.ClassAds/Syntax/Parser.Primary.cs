using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Syntax;

/// <summary>Primary expressions: literals, references, calls, lists and nested ads.</summary>
internal sealed partial class Parser
{
    // What a rule returns after a parse error: never seen by callers, who get the error instead. Made on demand (a
    // static field would give the parser a static constructor to check on every rent).
    private static LiteralExpr PlaceholderExpr => new(Value.Error);

    private static NameInfo PlaceholderName => NameTable.Intern("error");

    private Expr Primary(out int depth)
    {
        depth = 1;
        var token = _token;
        switch (token.Kind)
        {
            case TokenKind.IntegerValue:
                Advance();
                return new LiteralExpr(Value.FromInteger(token.Integer), token.Factor);
            case TokenKind.RealValue:
                Advance();
                return new LiteralExpr(Value.FromReal(token.Real), token.Factor);
            case TokenKind.StringValue:
                Advance();
                return LiteralExpr.FromString(token.Text!, token.IsPlain);
            case TokenKind.BooleanValue:
                Advance();
                return new LiteralExpr(Value.FromBoolean(token.Integer != 0));
            case TokenKind.UndefinedValue:
                Advance();
                return new LiteralExpr(Value.Undefined);
            case TokenKind.ErrorValue:
                Advance();
                return new LiteralExpr(Value.Error);
            case TokenKind.Identifier:
                Advance();
                if (_token.Kind == TokenKind.OpenParen)
                {
                    return Call(token, out depth);
                }

                return new AttributeRefExpr(null, token.Name ?? NameTable.Intern(token.Text!), absolute: false);
            case TokenKind.Selection:
                Advance();
                return new AttributeRefExpr(null, AttributeInfo("an attribute name after '.'"), absolute: true);
            case TokenKind.OpenParen:
                {
                    Advance();
                    var inner = Expression(out depth);
                    Expect(TokenKind.CloseParen, "')'");
                    depth++;
                    return CheckDepth(depth, new OperationExpr(OpKind.Parentheses, inner));
                }

            case TokenKind.OpenBrace:
                return List(out depth);
            case TokenKind.OpenBox:
                return NestedAd(out depth);
            default:
                FailExpected("an expression");
                return PlaceholderExpr;
        }
    }

    /// <summary>Parses comma-separated expressions onto the scratch stack up to (not including) <paramref name="close"/>; returns the nesting depth they need.</summary>
    private int Elements(TokenKind close)
    {
        var depth = 1;
        if (_token.Kind == close)
        {
            return depth;
        }

        while (true)
        {
            Push(Expression(out var d));
            depth = Math.Max(depth, d + 1);
            if (_token.Kind != TokenKind.Comma)
            {
                return depth;
            }

            Advance();
        }
    }

    private Expr Call(Token name, out int depth)
    {
        Advance(); // '('
        var mark = _scratchTop;
        depth = Elements(TokenKind.CloseParen);

        Expect(TokenKind.CloseParen, "',' or ')' in the argument list of ", name.Text!);
        if (_scratchTop - mark == 1 && _scratch[mark] is LiteralExpr { Value.Kind: ValueKind.String, Factor: '\0' } text
            && TimeLiteral(name, text.Value.AsString) is { } folded)
        {
            PopFrom(mark);
            return folded;
        }

        return CheckDepth(depth, new FunctionCallExpr(name.Text!, PopFrom(mark))
        {
            Resolved = name.Name is { } info ? info.Function : Functions.FunctionTable.Find(name.Text!),
        });
    }

    // source.cpp shouldEvaluateAtParseTime/evaluateFunction: absTime and relTime of one string literal become time
    // literals when parsed, and a string they cannot read is a parse error. HTCondor's relTime literal evaluates to a
    // real (literals.h ReltimeLiteral::_Evaluate calls SetRealValue) while printing as relTime("..."): factor 'r'.
    private LiteralExpr? TimeLiteral(Token name, string text)
    {
        if (name.Text!.Equals("absTime", StringComparison.OrdinalIgnoreCase))
        {
            if (Functions.TimeParsing.TryParseAbsolute(text, _clock ?? TimeProvider.System, out var seconds, out var offset))
            {
                return new LiteralExpr(Value.FromAbsoluteTime(seconds, offset));
            }

            Fail(name.Line, name.Column, "absTime cannot read \"" + text + "\"");
            return PlaceholderExpr;
        }

        if (name.Text!.Equals("relTime", StringComparison.OrdinalIgnoreCase))
        {
            if (Functions.TimeParsing.TryParseRelative(text, out var seconds))
            {
                return new LiteralExpr(Value.FromRelativeTime(seconds), LiteralExpr.RelTimeFactor);
            }

            Fail(name.Line, name.Column, "relTime cannot read \"" + text + "\"");
            return PlaceholderExpr;
        }

        return null;
    }

    private Expr List(out int depth)
    {
        Advance(); // '{'
        var mark = _scratchTop;
        depth = Elements(TokenKind.CloseBrace);

        Expect(TokenKind.CloseBrace, "',' or '}' in the list");
        return CheckDepth(depth, new ListExpr(PopFrom(mark)));
    }

    private Expr NestedAd(out int depth)
    {
        Enter();
        var ad = ParseAdBody(out depth);
        _nestedAds++;
        _nesting--;
        return CheckDepth(depth, new AdExpr(ad));
    }

    /// <summary>Parses <c>[ name = expr; ... ]</c> starting at the opening bracket, sizing the ad for <paramref name="expectedAttributes"/>.</summary>
    /// <remarks>After a parse error it returns what it has read, which callers then drop.</remarks>
    public ClassAd ParseAdBody(out int depth, int expectedAttributes = 8)
    {
        Expect(TokenKind.OpenBox, "'['");
        var ad = new ClassAd(expectedAttributes);
        depth = 1;
        var first = true;
        while (!_failed)
        {
            // source.cpp parseClassAd: semicolons before the first attribute must be followed by one ("[;]" is an error).
            var leading = first && _token.Kind == TokenKind.Semicolon;
            first = false;
            while (_token.Kind == TokenKind.Semicolon)
            {
                Advance();
            }

            if (leading && _token.Kind == TokenKind.CloseBox)
            {
                FailExpected("an attribute name");
                break;
            }

            if (_token.Kind == TokenKind.CloseBox)
            {
                Advance();
                return ad;
            }

            var name = AttributeInfo("an attribute name or ']'");
            Expect(TokenKind.BoundTo, "'=' after attribute name ", name.Name);
            var nestedBefore = _nestedAds;
            var value = Expression(out var d);
            if (_failed)
            {
                break;
            }

            depth = Math.Max(depth, d + 1);
            ad.InsertParsed(name, value, hasNestedAds: _nestedAds != nestedBefore);
            if (_token.Kind != TokenKind.Semicolon && _token.Kind != TokenKind.CloseBox)
            {
                FailExpected("';' or ']' after the value of " + name.Name);
            }
        }

        return ad;
    }
}
