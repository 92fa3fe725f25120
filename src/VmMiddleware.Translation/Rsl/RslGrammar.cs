using System.Text;
using Sprache;

namespace VmMiddleware.Translation.Rsl;

/// <summary>The RSL grammar as Globus' own parser accepts it, written with Sprache (RSL is read rarely, so speed does not matter).</summary>
/// <remarks>Measured against globusrun -p: unquoted literals stop at white space and ( ) = &lt; &gt; ! " ' ^ # $ ~ * ? and cannot start with
/// &amp; | +; comments (* ... *) do not nest and may stand wherever white space may; values are separated by white space and
/// joined by #; sequences need at least one value. Operators other than =, | and + and nested requests are parsed here and
/// refused by <see cref="RslParser"/>, which can then say where they are.</remarks>
internal static class RslGrammar
{
    private const string Specials = "()=<>!\"'^#$~*?";

    /// <summary>Skips white space and (* comments *); fails only on a comment that never ends.</summary>
    private static IResult<string> SkipSpace(IInput input)
    {
        var start = input;
        while (!input.AtEnd)
        {
            if (char.IsWhiteSpace(input.Current))
            {
                input = input.Advance();
                continue;
            }

            var next = input.Advance();
            if (input.Current != '(' || next.AtEnd || next.Current != '*')
            {
                break;
            }

            var comment = input;
            input = next.Advance();
            while (true)
            {
                if (input.AtEnd)
                {
                    return Result.Failure<string>(comment, "the comment is never closed", ["*) to close the comment"]);
                }

                var current = input.Current;
                input = input.Advance();
                if (current == '*' && !input.AtEnd && input.Current == ')')
                {
                    input = input.Advance();
                    break;
                }
            }
        }

        return Result.Success(start.Source[start.Position..input.Position], input);
    }

    private static Parser<T> Tok<T>(Parser<T> parser) =>
        from space in (Parser<string>)SkipSpace
        from value in parser
        select value;

    // Fails where it started, so that repetitions (XMany) treat "white space, then not the separator" as the end of the list.
    private static Parser<T> Attempt<T>(Parser<T> parser) => input =>
    {
        var result = parser(input);
        return result.WasSuccessful ? result : Result.Failure<T>(input, result.Message, result.Expectations);
    };

    // Names what was expected even when white space was skipped before the failure.
    private static Parser<T> Expect<T>(Parser<T> parser, string expectation) => input =>
    {
        var result = parser(input);
        return result.WasSuccessful ? result : Result.Failure<T>(result.Remainder, result.Message, [expectation]);
    };

    private static readonly Parser<Position> Here = input => Result.Success(Position.FromInput(input), input);

    private static Parser<string> Quoted(char quote) =>
        from open in Parse.Char(quote)
        from body in Parse.String(new string(quote, 2)).Return(quote).Or(Parse.CharExcept(quote)).Many().Text()
        from close in Parse.Char(quote).Named("the closing " + quote)
        select body;

    private static readonly Parser<string> CaretQuoted =
        from caret in Parse.Char('^')
        from delimiter in Parse.AnyChar.Named("a delimiter character after ^")
        from body in Parse.String(new string(delimiter, 2)).Return(delimiter).Or(Parse.CharExcept(delimiter)).Many().Text()
        from close in Parse.Char(delimiter).Named("the closing " + delimiter)
        select body;

    private static readonly Parser<string> Unquoted =
        from first in Parse.Char(c => !char.IsWhiteSpace(c) && !Specials.Contains(c, StringComparison.Ordinal) && c is not ('&' or '|' or '+'), "a literal")
        from rest in Parse.Char(c => !char.IsWhiteSpace(c) && !Specials.Contains(c, StringComparison.Ordinal), "a literal").Many().Text()
        select first + rest;

    private static readonly Parser<string> LiteralText =
        Quoted('"').Or(Quoted('\'')).Or(CaretQuoted).Or(Unquoted).Named("a literal");

    private static readonly Parser<RslValue> Variable =
        from open in Parse.String("$(")
        from name in Tok(LiteralText)
        from close in Expect(Tok(Parse.Char(')')), "')' to end the variable reference")
        select RslValue.Variable(name);

    private static readonly Parser<RslValue> Simple = Variable.Or(LiteralText.Select(RslValue.Literal));

    private static readonly Parser<RslValue> Concatenation =
        from first in Simple
        from rest in (
            from hash in Attempt(Tok(Parse.Char('#')))
            from part in Expect(Tok(Simple), "a literal or $(variable) after #")
            select part).XMany()
        select rest.Any() ? RslValue.Concatenation([first, .. rest]) : first;

    private static readonly Parser<RslValue> Sequence =
        from open in Parse.Char('(')
        from items in Parse.Ref(() => Value!).AtLeastOnce()
        from close in Expect(Tok(Parse.Char(')')), "')' to end the sequence")
        select RslValue.Sequence(items);

    private static readonly Parser<RslValue> Value = Tok(Sequence.Or(Concatenation)).Named("a value");

    private static readonly Parser<string> Operator =
        Parse.String("<=").Or(Parse.String(">=")).Or(Parse.String("!=")).Or(Parse.String("="))
            .Or(Parse.String("<")).Or(Parse.String(">")).Text().Named("'=' after the attribute name");

    private static readonly Parser<RslSyntaxItem> RelationBody =
        from attribute in LiteralText.Named("an attribute name")
        from at in Tok(Here)
        from op in Operator
        from values in Value.AtLeastOnce()
        select (RslSyntaxItem)new RslRelationSyntax(at, attribute, op, [.. values]);

    private static readonly Parser<RslSyntaxItem> Item =
        from open in Parse.Char('(')
        from body in Tok(RelationBody.Or(Parse.Ref(() => Spec!)))
        from close in Expect(Tok(Parse.Char(')')), "')' to end the relation")
        from space in (Parser<string>)SkipSpace
        select body;

    private static readonly Parser<RslSyntaxItem> Spec =
        from at in Here
        from op in Parse.Chars("&|+").Named("'&' to start the request")
        from space in (Parser<string>)SkipSpace
        from items in Item.Named("'(' to start a relation").XAtLeastOnce()
        select (RslSyntaxItem)new RslSpecSyntax(at, op, [.. items]);

    /// <summary>Gets the parser of a whole text: one specification, surrounded by white space and comments.</summary>
    // Declared after the rules it uses: static initializers run in text order.
    public static Parser<RslSpecSyntax> Document { get; } = BuildDocument();

    private static readonly Parser<int> End = input => input.AtEnd
        ? Result.Success(0, input)
        : Result.Failure<int>(input, "unexpected text after the request", ["'(' to start a relation", "the end of the text"]);

    private static Parser<RslSpecSyntax> BuildDocument() =>
        from spec in Tok(Spec)
        from end in End
        select (RslSpecSyntax)spec;

    /// <summary>Describes what the parser stopped at, for error messages.</summary>
    public static string Describe(IInput at)
    {
        if (at.AtEnd)
        {
            return "the end of the text";
        }

        var c = at.Current;
        return c switch
        {
            '\n' => "a line break",
            '\t' => "a tab",
            _ when char.IsControl(c) => $"character U+{(int)c:X4}",
            _ => new StringBuilder("'").Append(c).Append('\'').ToString(),
        };
    }
}
