namespace VmMiddleware.Factory.Contracts.Client;

/// <summary>A factory ticket as <see cref="FactorySoapClient"/> reads it from the service's answers.</summary>
/// <param name="Id">The ticket id.</param>
/// <param name="State">Queued, Running, Succeeded, Failed or Cancelled.</param>
/// <param name="Phase">The build's phase, as the local build's progress names it.</param>
/// <param name="ActionNumber">The action running (1-based).</param>
/// <param name="ActionCount">The actions to run.</param>
/// <param name="CurrentAction">The running action's description, or null.</param>
/// <param name="BytesWritten">Bytes the build has written.</param>
/// <param name="ImageId">The built image's state id, once it succeeded.</param>
/// <param name="Error">Why it failed, or null.</param>
/// <param name="ReusedNodes">Nodes found in the cache.</param>
/// <param name="StatesBuilt">The states this build made.</param>
/// <param name="LogTail">The end of the build's log.</param>
public sealed record RemoteTicket(
    string Id, string State, string Phase, int ActionNumber, int ActionCount, string? CurrentAction, long BytesWritten,
    string? ImageId, string? Error, int ReusedNodes, IReadOnlyList<string> StatesBuilt, string LogTail);
