using System.CommandLine;
using System.Text;
using VmMiddleware.ClassAds;
using VmMiddleware.ClassAds.Formats;
using VmMiddleware.ClassAds.Matching;
using VmMiddleware.ClassAds.Printing;
using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.WorkUnits.Text;

namespace VmMiddleware.Cli.Verbs;

/// <summary><c>vmgrid classad eval|match|format</c>: the ClassAd engine on the command line, to hold it against HTCondor.</summary>
internal static class ClassAdVerb
{
    /// <summary>The largest ad file read (a real slot ad is about 10 KiB).</summary>
    private const long MaxAdFileBytes = 64L << 20;

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
            if (Console.IsInputRedirected)
            {
                RunEvalBuffered(scope);
            }
            else
            {
                RunEval(Console.In, Console.Out, scope);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Redirected stdin: raw UTF-8 streams with big buffers, the output flushed only before a read of stdin that
    /// could wait (and at the end), instead of Console's synchronized, per-line flushed reader and writer.</summary>
    private static void RunEvalBuffered(ClassAd? scope)
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        using var output = new StreamWriter(Console.OpenStandardOutput(), utf8, 1 << 16) { AutoFlush = false };
        using var input = new StreamReader(new FlushBeforeReadStream(Console.OpenStandardInput(), output), utf8, detectEncodingFromByteOrderMarks: false, 1 << 16);
        RunEval(input, output, scope);
        output.Flush();
    }

    internal static void RunEval(TextReader input, TextWriter output, ClassAd? scope) => RunEval(input, output, Console.Error, scope);

    /// <summary>One output line per input line, whatever the line does: a defect met on one line is reported on stderr
    /// with its line number, the line prints <c>error</c>, and the next line is read.</summary>
    internal static void RunEval(TextReader input, TextWriter output, TextWriter diagnostics, ClassAd? scope)
    {
        var number = 0;
        while (input.ReadLine() is { } line)
        {
            number++;
            try
            {
                EvaluateLine(line, scope, output);
            }
#pragma warning disable CA1031 // the contract is one printed line per input line, whatever went wrong inside the engine
            catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
            {
                diagnostics.WriteLine("vmgrid: stdin line " + number + ": internal error (" + e.GetType().Name + ": " + e.Message + "); printed error");
                output.Write("error");
            }

            output.WriteLine();
        }
    }

    /// <summary>Writes the line's answer without its newline; it writes nothing when it throws.</summary>
    private static void EvaluateLine(string line, ClassAd? scope, TextWriter output)
    {
        // A line that does not parse is an ordinary answer here, not an exception to unwind.
        if (!ExpressionParser.TryParse(line, out var expr, out var error))
        {
            output.Write("PARSE_ERROR ");
            output.Write(error);
            return;
        }

        // The value is printed straight into the output buffer: no string per line.
        Unparser.Unparse(scope is null ? ClassAds.Evaluation.Evaluator.Evaluate(expr, null, null) : scope.Evaluate(expr), output);
    }

    private static Command Match()
    {
        var job = new Argument<FileInfo>("JOB_AD") { Description = "The job ad (new or old syntax)." };
        var machine = new Argument<FileInfo>("MACHINE_AD") { Description = "The machine ad (new or old syntax)." };
        var command = new Command("match", "Match two ads symmetrically; print match/no match, the job's Rank and the machine's Rank.") { job, machine };
        command.SetAction(parse =>
        {
            RunMatch(ReadAd(parse.GetValue(job)!), ReadAd(parse.GetValue(machine)!), Console.Out);
            return ExitCodes.Success;
        });
        return command;
    }

    internal static void RunMatch(ClassAd job, ClassAd machine, TextWriter output)
    {
        var result = Matchmaker.Match(job, machine);
        output.WriteLine(result.IsMatch ? "match" : "no match");
        output.WriteLine(Unparser.Unparse(result.LeftRank));
        output.WriteLine(Unparser.Unparse(result.RightRank));
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

    /// <summary>Reads an ad file: UTF-8 strictly (an invalid byte is a positioned error, as in submit and XML files,
    /// never U+FFFD), or UTF-16/32 when a byte-order mark says so; then any ad format.</summary>
    internal static ClassAd ReadAd(FileInfo file)
    {
        if (Directory.Exists(file.FullName))
        {
            throw new UserErrorException("cannot read " + file.FullName + ": it is a directory, not an ad file");
        }

        byte[]? bytes;
        try
        {
            bytes = StrictUtf8.ReadBytes(file.FullName, MaxAdFileBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException("cannot read " + file.FullName + ": " + e.Message, e);
        }

        if (bytes is null)
        {
            throw new UserErrorException(file.Name + ": the file is larger than " + MaxAdFileBytes + " bytes; expected one ClassAd");
        }

        if (!StrictUtf8.TryDecodeText(bytes, out var text, out var error))
        {
            // Worded as the ad's own parse errors are: "name: line L, column C: problem".
            throw new UserErrorException(file.Name + ": line " + error.Line + ", column " + error.Column + ": " + error.Detail);
        }

        try
        {
            return AdReader.Read(text!, file.Name);
        }
        catch (FormatException e)
        {
            throw new UserErrorException(e.Message, e);
        }
    }
}
