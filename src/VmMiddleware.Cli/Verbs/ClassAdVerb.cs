using System.CommandLine;
using VmMiddleware.ClassAds;
using VmMiddleware.ClassAds.Formats;
using VmMiddleware.ClassAds.Matching;
using VmMiddleware.ClassAds.Printing;
using VmMiddleware.ClassAds.Syntax;

namespace VmMiddleware.Cli.Verbs;

/// <summary><c>vmgrid classad eval|match|format</c>: the ClassAd engine on the command line, to hold it against HTCondor.</summary>
internal static class ClassAdVerb
{
    public static Command Create()
    {
        var command = new Command("classad", "Evaluate, match and convert HTCondor ClassAds.");
        command.Subcommands.Add(Eval());
        command.Subcommands.Add(Match());
        command.Subcommands.Add(Format());
        return command;
    }

    private static Command Eval()
    {
        var ad = new Option<FileInfo?>("--ad") { Description = "Evaluate in the scope of this ad (new or old syntax, detected)." };
        var command = new Command("eval", "Read one expression per stdin line; print each value as HTCondor's unparser does.") { ad };
        command.SetAction(parse =>
        {
            var scope = parse.GetValue(ad) is { } file ? ReadAd(file) : null;
            RunEval(Console.In, Console.Out, scope);
            return ExitCodes.Success;
        });
        return command;
    }

    internal static void RunEval(TextReader input, TextWriter output, ClassAd? scope)
    {
        while (input.ReadLine() is { } line)
        {
            Expr expr;
            try
            {
                expr = ExpressionParser.Parse(line);
            }
            catch (ClassAdParseException e)
            {
                output.WriteLine("PARSE_ERROR " + e.Message);
                continue;
            }

            output.WriteLine(Unparser.Unparse(scope is null ? ClassAds.Evaluation.Evaluator.Evaluate(expr, null, null) : scope.Evaluate(expr)));
        }
    }

    private static Command Match()
    {
        var job = new Argument<FileInfo>("JOB_AD") { Description = "The job ad (new or old syntax)." };
        var machine = new Argument<FileInfo>("MACHINE_AD") { Description = "The machine ad (new or old syntax)." };
        var command = new Command("match", "Match two ads symmetrically; print match/no match, the job's Rank and the machine's Rank.") { job, machine };
        command.SetAction(parse =>
        {
            var result = Matchmaker.Match(ReadAd(parse.GetValue(job)!), ReadAd(parse.GetValue(machine)!));
            Console.Out.WriteLine(result.IsMatch ? "match" : "no match");
            Console.Out.WriteLine(Unparser.Unparse(result.LeftRank));
            Console.Out.WriteLine(Unparser.Unparse(result.RightRank));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Format()
    {
        var to = new Option<string>("--to") { Description = "Output format: new, old, json or xml.", Required = true };
        to.AcceptOnlyFromAmong("new", "old", "json", "xml");
        var file = new Argument<FileInfo>("FILE") { Description = "The ad to convert (new, old, JSON or XML, detected)." };
        var command = new Command("format", "Convert an ad between new and old ClassAd syntax, JSON and XML.") { to, file };
        command.SetAction(parse =>
        {
            var ad = ReadAd(parse.GetValue(file)!);
            var text = parse.GetValue(to) switch
            {
                "old" => Unparser.UnparseOld(ad),
                "json" => JsonAdFormat.Write(ad),
                "xml" => XmlAdFormat.Write(ad),
                _ => Unparser.Unparse(ad) + "\n",
            };
            Console.Out.Write(text);
            return ExitCodes.Success;
        });
        return command;
    }

    internal static ClassAd ReadAd(FileInfo file)
    {
        string text;
        if (Directory.Exists(file.FullName))
        {
            throw new UserErrorException("cannot read " + file.FullName + ": it is a directory, not an ad file");
        }

        try
        {
            text = File.ReadAllText(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException("cannot read " + file.FullName + ": " + e.Message, e);
        }

        try
        {
            return AdReader.Read(text, file.Name);
        }
        catch (FormatException e)
        {
            throw new UserErrorException(e.Message, e);
        }
    }
}
