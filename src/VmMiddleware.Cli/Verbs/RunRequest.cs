namespace VmMiddleware.Cli.Verbs;

/// <summary>What <c>vmgrid run</c> (and <c>submit --to local</c>) was asked on its command line besides the work unit and the work directory.</summary>
/// <param name="GuestDirectory">--guest, or null.</param>
/// <param name="BundleDirectory">--qemu-bundle, or null.</param>
/// <param name="Json">--json: print the result as JSON.</param>
/// <param name="Keep">--keep: keep the VM directory.</param>
/// <param name="FromBootCheckpoint">--from-boot-checkpoint.</param>
/// <param name="ResultFile">Where the result is also written as JSON (a gateway job's result file), or null.</param>
internal sealed record RunRequest(string? GuestDirectory, string? BundleDirectory, bool Json, bool Keep, bool FromBootCheckpoint, string? ResultFile = null);
