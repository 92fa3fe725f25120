using VmMiddleware.Host.Processes;

namespace VmMiddleware.Images.Tests;

/// <summary>Stands in for qemu-img: records calls; "create" and "convert" write a small file, everything else succeeds doing nothing.</summary>
internal sealed class FakeProcessRunner : IProcessRunner
{
    public List<string> Calls { get; } = [];

    public Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        lock (Calls)
        {
            Calls.Add(fileName + " " + string.Join(' ', arguments));
        }

        if (arguments.Count > 0 && arguments[0] is "create" or "convert")
        {
            File.WriteAllText(arguments.Last(a => a.Contains('/', StringComparison.Ordinal)), "layer");
        }

        var stdout = arguments.Count > 0 && arguments[0] == "info"
            ? "{\"format\":\"qcow2\",\"virtual-size\":1048576,\"actual-size\":4096}"
            : string.Empty;
        return Task.FromResult(new ProcessResult(fileName, arguments, 0, stdout, string.Empty));
    }
}
