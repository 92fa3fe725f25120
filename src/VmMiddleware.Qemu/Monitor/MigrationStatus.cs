namespace VmMiddleware.Qemu.Monitor;

/// <summary>The answer of query-migrate: QEMU's status word, the bytes transferred so far and the error text of a failed migration.</summary>
/// <param name="Status">none, setup, active, completed, failed, cancelled, ...</param>
/// <param name="TransferredBytes">The RAM bytes transferred so far, or 0 when QEMU does not say.</param>
/// <param name="Error">QEMU's error description when the status is failed, else null.</param>
public sealed record MigrationStatus(string Status, long TransferredBytes, string? Error)
{
    /// <summary>Gets whether the migration has finished, successfully or not.</summary>
    public bool IsFinished => Status is "completed" or "failed" or "cancelled";
}
