namespace VmMiddleware.Cli.Verbs;

/// <summary>The command line that runs this very vmgrid again: its executable, or dotnet and vmgrid.dll when it runs as a framework-dependent build.</summary>
internal static class VmgridCommand
{
    public static IReadOnlyList<string> Self()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("the path of this process is unknown");
        var dll = Path.Combine(AppContext.BaseDirectory, "vmgrid.dll");
        return Path.GetFileNameWithoutExtension(process) == "dotnet" && File.Exists(dll) ? [process, dll] : [process];
    }
}
