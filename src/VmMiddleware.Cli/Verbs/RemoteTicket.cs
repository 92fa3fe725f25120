namespace VmMiddleware.Cli.Verbs;

/// <summary>A factory ticket as <c>vmgrid build --factory</c> reads it from the service's answers.</summary>
internal sealed record RemoteTicket(
    string Id, string State, string Phase, int ActionNumber, int ActionCount, string? CurrentAction, long BytesWritten,
    string? ImageId, string? Error, int ReusedNodes, IReadOnlyList<string> StatesBuilt, string LogTail);
