using System.Globalization;
using System.Text;
using VmMiddleware.Host.Processes;

namespace VmMiddleware.Qemu.Launch;

/// <summary>
/// The work directory's lock file: an exclusive lock (released by the kernel when the launcher dies, even by SIGKILL) holding
/// the launcher's and QEMU's identities. A launcher that finds a stale lock kills the QEMU recorded there before it starts.
/// </summary>
internal sealed class WorkDirectoryLock : IDisposable
{
    public const string FileName = ".vmgrid-lock";
    private readonly FileStream _file;
    private readonly string _path;

    private WorkDirectoryLock(FileStream file, string path)
    {
        _file = file;
        _path = path;
    }

    /// <summary>Takes the lock; kills a QEMU left by a crashed launcher (reported through <paramref name="report"/>); throws IOException when a live launcher holds it.</summary>
    public static WorkDirectoryLock Acquire(string workDirectory, Action<string> report)
    {
        var path = Path.Combine(workDirectory, FileName);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new IOException($"The work directory {workDirectory} is in use by another vmgrid run ({Describe(path)}).", e);
        }

        var stale = ReadAll(file);
        foreach (var line in stale.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Parse(line) is ("qemu", { } qemu) && qemu.IsAlive() && IsEmulator(qemu.Pid) && qemu.KillIfAlive())
            {
                report($"killed QEMU pid {qemu.Pid} left running by a previous launcher that did not finish");
                for (var i = 0; i < 100 && qemu.IsAlive(); i++)
                {
                    Thread.Sleep(20);
                }
            }
        }

        var self = new WorkDirectoryLock(file, path);
        self.Write(null);
        return self;
    }

    /// <summary>Records the running QEMU (the job's, or the one saving a boot checkpoint) so that a later launcher can kill it if this one dies.</summary>
    public void RecordQemu(ProcessIdentity? qemu) => Write(qemu);

    public void Dispose()
    {
        File.Delete(_path);
        _file.Dispose();
    }

    private void Write(ProcessIdentity? qemu)
    {
        var self = ProcessIdentity.Of(Environment.ProcessId);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"launcher {Environment.ProcessId} {self?.StartTicks ?? 0}\n");
        if (qemu is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"qemu {qemu.Pid} {qemu.StartTicks}\n");
        }

        var bytes = Encoding.ASCII.GetBytes(text.ToString());
        _file.SetLength(0);
        _file.Position = 0;
        _file.Write(bytes);
        _file.Flush(flushToDisk: true);
    }

    private static string ReadAll(FileStream file)
    {
        file.Position = 0;
        using var reader = new StreamReader(file, Encoding.ASCII, false, 1024, leaveOpen: true);
        return reader.ReadToEnd();
    }

    private static (string Role, ProcessIdentity Identity)? Parse(string line)
    {
        var parts = line.Split(' ');
        return parts.Length == 3
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? (parts[0], new ProcessIdentity(pid, ticks))
            : null;
    }

    /// <summary>Pid and start time already name the very process; the command line is checked too, so that nothing but a QEMU is ever killed.</summary>
    private static bool IsEmulator(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Contains("qemu-system", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string Describe(string path)
    {
        try
        {
            var first = File.ReadAllLines(path).FirstOrDefault();
            return first is null ? "lock held" : first;
        }
        catch (IOException)
        {
            return "lock held";
        }
    }
}
