using System.CommandLine;
using System.Runtime.InteropServices;
using VmMiddleware.Cli.Settings;
using VmMiddleware.Host.Processes;

namespace VmMiddleware.Cli.Verbs;

/// <summary>
/// <c>vmgrid serve</c>: runs the image factory service. The service (ASP.NET Core and SoapCore) is not Native AOT safe, so it is its own
/// framework-dependent program, vmgrid-serve, installed beside vmgrid; this verb replaces the vmgrid process with it (execv), so the
/// process systemd started stays the service's main process.
/// </summary>
internal static partial class ServeVerb
{
    /// <summary>The service program's name.</summary>
    public const string ServiceProgram = "vmgrid-serve";

    public static Command Create(VmgridSettings settings)
    {
        var config = new Option<string?>("--config") { Description = "The configuration file (default /etc/vmmiddleware/factory.conf when it exists, else built-in defaults)." };
        var check = new Option<string?>("--check-config") { Description = "Check this configuration file and what it names (certificate, trust directory, grid-mapfile, data directory), then exit." };
        var level = new Option<string?>("--log-level") { Description = "Trace, Debug, Information (default), Warning or Error." };
        var command = new Command("serve", "Run the image factory as a SOAP web service (WSDL at https://HOST:PORT/factory?wsdl).") { config, check, level };
        command.SetAction(parse =>
        {
            var arguments = new List<string>();
            foreach (var (option, value) in new[] { ("--config", parse.GetValue(config)), ("--check-config", parse.GetValue(check)), ("--log-level", parse.GetValue(level)) })
            {
                if (value is not null)
                {
                    arguments.Add(option);
                    arguments.Add(value);
                }
            }

            var (program, prefix) = Locate(settings.SearchPath);
            Exec(program, [program, .. prefix, .. arguments]);
            return ExitCodes.InternalError; // Exec returns only on failure, and throws then
        });
        return command;
    }

    /// <summary>Finds vmgrid-serve beside vmgrid: its apphost, or its dll run by the dotnet host (as when vmgrid itself runs as a dll; found in <paramref name="searchPath"/>, the settings' PATH).</summary>
    internal static (string Program, string[] Prefix) Locate(IReadOnlyList<string> searchPath)
    {
        var directory = AppContext.BaseDirectory;
        var dll = Path.Combine(directory, ServiceProgram + ".dll");
        var apphost = Path.Combine(directory, ServiceProgram);
        var self = Environment.ProcessPath ?? string.Empty;
        if (Path.GetFileName(self) == "dotnet" && File.Exists(dll))
        {
            return (self, [dll]);
        }

        if (File.Exists(apphost))
        {
            return (apphost, []);
        }

        if (File.Exists(dll) && ProgramSearch.Find("dotnet", searchPath) is { } dotnet)
        {
            return (dotnet, [dll]);
        }

        throw new UserErrorException($"vmgrid serve needs {ServiceProgram} beside vmgrid ({directory}); publish src/VmMiddleware.Factory into the same directory (see the README, \"Running the factory service\")");
    }

    private static void Exec(string program, IReadOnlyList<string> argv)
    {
        Console.Out.Flush();
        Console.Error.Flush();
        var pointers = new nint[argv.Count + 1];
        for (var i = 0; i < argv.Count; i++)
        {
            pointers[i] = Marshal.StringToCoTaskMemUTF8(argv[i]);
        }

        Execv(program, pointers);
        var error = Marshal.GetLastPInvokeError();
        throw new UserErrorException($"cannot run {program}: {Marshal.GetPInvokeErrorMessage(error)}");
    }

    [LibraryImport("libc", EntryPoint = "execv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Execv(string path, nint[] argv);
}
