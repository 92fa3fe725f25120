using System.Diagnostics;
using System.Globalization;

namespace VmMiddleware.Host.Processes;

/// <summary>
/// Wraps a command so that the kernel kills it when vmgrid dies, by any signal, SIGKILL included: <c>setpriv --pdeathsig KILL</c>
/// sets the parent-death signal in the child, then a one-line shell checks that its parent is still vmgrid (if vmgrid died
/// between the fork and the prctl the signal would never come) and execs the command.
/// </summary>
/// <remarks>
/// Linux sends the parent-death signal when the <em>thread</em> that forked the child ends, not the process: the caller must fork
/// from a thread that lives as long as the child (see <see cref="ChildProcess.Start"/>).
/// </remarks>
internal static class ParentDeathGuard
{
    // $1: the pid the parent must have; $2: LD_LIBRARY_PATH for the command only (never for setpriv and sh); then the command.
    private const string Script = "[ \"$PPID\" = \"$1\" ] || exit 137; if [ -n \"$2\" ]; then LD_LIBRARY_PATH=$2; export LD_LIBRARY_PATH; fi; shift 2; exec \"$@\"";
    // setpriv is looked for where util-linux installs it, not on PATH: a library reads no environment variables.
    private static readonly Lazy<string?> Setpriv = new(() => ProgramSearch.Find("setpriv", ProgramSearch.SystemDirectories));

    /// <summary>Gets whether the guard is available (util-linux's setpriv is installed in a system directory); without it commands start unguarded.</summary>
    public static bool IsAvailable => Setpriv.Value is not null && File.Exists("/bin/sh");

    /// <summary>Returns start information that runs <paramref name="info"/>'s command under the guard, or <paramref name="info"/> itself when the guard is not available.</summary>
    public static ProcessStartInfo Wrap(ProcessStartInfo info) => Wrap(info, Environment.ProcessId);

    /// <summary>Wraps <paramref name="info"/> so that it runs only while its parent is <paramref name="expectedParent"/> and dies with it.</summary>
    internal static ProcessStartInfo Wrap(ProcessStartInfo info, int expectedParent)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (!IsAvailable)
        {
            return info;
        }

        var wrapped = new ProcessStartInfo(Setpriv.Value!)
        {
            UseShellExecute = false,
            WorkingDirectory = info.WorkingDirectory,
            RedirectStandardInput = info.RedirectStandardInput,
            RedirectStandardOutput = info.RedirectStandardOutput,
            RedirectStandardError = info.RedirectStandardError,
        };
        wrapped.Environment.Clear();
        string? libraryPath = null;
        foreach (var (name, value) in info.Environment)
        {
            if (name == "LD_LIBRARY_PATH")
            {
                libraryPath = value;
            }
            else
            {
                wrapped.Environment[name] = value;
            }
        }

        string[] prefix = ["--pdeathsig", "KILL", "--", "/bin/sh", "-c", Script, "vmgrid-guard", expectedParent.ToString(CultureInfo.InvariantCulture), libraryPath ?? string.Empty, info.FileName];
        foreach (var argument in prefix.Concat(info.ArgumentList))
        {
            wrapped.ArgumentList.Add(argument);
        }

        return wrapped;
    }
}
