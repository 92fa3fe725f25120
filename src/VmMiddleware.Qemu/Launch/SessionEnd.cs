namespace VmMiddleware.Qemu.Launch;

/// <summary>How the watch over a running VM ended, with what the console told.</summary>
/// <param name="Kind">What ended it.</param>
/// <param name="ExitCode">The code of VMGRID:EXIT, or null.</param>
/// <param name="QemuExitCode">QEMU's exit code when it exited, or null.</param>
/// <param name="Message">The agent's error text, or a description of the fault.</param>
/// <param name="Started">Whether the command started (VMGRID:START was seen).</param>
internal sealed record SessionEnd(SessionEndKind Kind, int? ExitCode, int? QemuExitCode, string Message, bool Started);
