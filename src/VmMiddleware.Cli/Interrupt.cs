using System.Runtime.InteropServices;

namespace VmMiddleware.Cli;

/// <summary>Ctrl-C (SIGINT) for one verb: while the scope lives, SIGINT cancels <see cref="Token"/> instead of ending the process.</summary>
internal sealed class Interrupt : IDisposable
{
    private readonly CancellationTokenSource source;
    private readonly PosixSignalRegistration registration;

    /// <summary>Starts catching SIGINT; <paramref name="invocation"/> (System.CommandLine's token) cancels the scope too.</summary>
    public Interrupt(CancellationToken invocation)
    {
        source = CancellationTokenSource.CreateLinkedTokenSource(invocation);
        registration = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            Requested = true;
            source.Cancel();
        });
    }

    /// <summary>Cancelled by SIGINT or by the invocation's token.</summary>
    public CancellationToken Token => source.Token;

    /// <summary>Whether SIGINT arrived.</summary>
    public bool Requested { get; private set; }

    /// <inheritdoc/>
    public void Dispose()
    {
        registration.Dispose();
        source.Dispose();
    }
}
