using VmMiddleware.Host.Processes;

namespace VmMiddleware.Remote.Tests;

/// <summary>Answers command lines from a table and records them, for unit tests of the GRAM and HTCondor clients.</summary>
internal sealed class FakeProcessRunner : IProcessRunner
{
    private readonly Func<string, IReadOnlyList<string>, (int ExitCode, string Stdout, string Stderr)> answer;

    public FakeProcessRunner(Func<string, IReadOnlyList<string>, (int, string, string)> answer) => this.answer = answer;

    public List<string> Calls { get; } = [];

    public Task<ProcessResult> RunAsync(ProcessCommand command, CancellationToken cancellationToken = default)
    {
        Calls.Add(command.Program + " " + string.Join(' ', command.Arguments));
        var (exit, stdout, stderr) = answer(command.Program, command.Arguments);
        return Task.FromResult(new ProcessResult(command, exit, stdout, stderr));
    }
}
