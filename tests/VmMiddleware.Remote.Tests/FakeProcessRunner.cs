using VmMiddleware.Host.Processes;

namespace VmMiddleware.Remote.Tests;

/// <summary>Answers command lines from a table and records them, for unit tests of the GRAM and HTCondor clients.</summary>
internal sealed class FakeProcessRunner : IProcessRunner
{
    private readonly Func<string, IReadOnlyList<string>, (int ExitCode, string Stdout, string Stderr)> answer;

    public FakeProcessRunner(Func<string, IReadOnlyList<string>, (int, string, string)> answer) => this.answer = answer;

    public List<string> Calls { get; } = [];

    public Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        Calls.Add(fileName + " " + string.Join(' ', arguments));
        var (exit, stdout, stderr) = answer(fileName, arguments);
        return Task.FromResult(new ProcessResult(fileName, arguments, exit, stdout, stderr));
    }
}
