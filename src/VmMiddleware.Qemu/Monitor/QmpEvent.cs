using System.Text.Json.Nodes;

namespace VmMiddleware.Qemu.Monitor;

/// <summary>An asynchronous QMP event such as STOP, RESUME, SHUTDOWN or MIGRATION.</summary>
/// <param name="Name">The event name as QEMU sends it.</param>
/// <param name="Data">The event's data object, or null when it has none.</param>
public sealed record QmpEvent(string Name, JsonObject? Data);
