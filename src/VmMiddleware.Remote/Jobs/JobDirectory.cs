using System.Globalization;
using System.Text.Json;
using VmMiddleware.Host.Durability;
using VmMiddleware.Host.Hashing;
using VmMiddleware.Host.Processes;

namespace VmMiddleware.Remote.Jobs;

/// <summary>Reads and writes the job files of one job directory (<see cref="JobFiles"/>): the ticket, the local launcher's pid and result, the cancel mark, the outputs.</summary>
public static class JobDirectory
{
    /// <summary>Writes the ticket durably.</summary>
    public static void WriteTicket(string directory, JobTicket ticket) =>
        DurableFile.WriteAllText(Path.Combine(directory, JobFiles.Ticket), JsonSerializer.Serialize(ticket, JobsJsonContext.Default.JobTicket));

    /// <summary>Reads the ticket.</summary>
    /// <exception cref="RemoteException">The directory holds no job, or its ticket does not parse.</exception>
    public static JobTicket ReadTicket(string directory)
    {
        var path = Path.Combine(directory, JobFiles.Ticket);
        if (!File.Exists(path))
        {
            throw new RemoteException($"{directory} holds no vmgrid job ({JobFiles.Ticket} is missing)");
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), JobsJsonContext.Default.JobTicket)
                ?? throw new RemoteException($"{path}: empty job ticket");
        }
        catch (JsonException e)
        {
            throw new RemoteException($"{path}: not a job ticket ({e.Message})", e);
        }
    }

    /// <summary>Records that this process runs the job's launcher.</summary>
    public static void WriteRunPid(string directory, ProcessIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        DurableFile.WriteAllText(Path.Combine(directory, JobFiles.RunPid), string.Create(CultureInfo.InvariantCulture, $"{identity.Pid} {identity.StartTicks}\n"));
    }

    /// <summary>Returns the identity of the process that runs (or ran) the job's launcher, or null before it started.</summary>
    public static ProcessIdentity? ReadRunPid(string directory)
    {
        var path = Path.Combine(directory, JobFiles.RunPid);
        var fields = File.Exists(path) ? File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
        return fields.Length == 2
            && int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? new ProcessIdentity(pid, ticks)
            : null;
    }

    /// <summary>Records the local launcher's process exit code, last of all.</summary>
    public static void WriteExit(string directory, int exitCode) =>
        DurableFile.WriteAllText(Path.Combine(directory, JobFiles.Exit), exitCode.ToString(CultureInfo.InvariantCulture) + "\n");

    /// <summary>Returns the local launcher's exit code, or null while it has none.</summary>
    public static int? ReadExit(string directory)
    {
        var path = Path.Combine(directory, JobFiles.Exit);
        return File.Exists(path) && int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code) ? code : null;
    }

    /// <summary>Marks the job cancelled.</summary>
    public static void MarkCancelled(string directory) => DurableFile.WriteAllText(Path.Combine(directory, JobFiles.Cancelled), "cancelled\n");

    /// <summary>Returns whether the job was cancelled.</summary>
    public static bool IsCancelled(string directory) => File.Exists(Path.Combine(directory, JobFiles.Cancelled));

    /// <summary>Returns a file's text, or null when it does not exist.</summary>
    public static string? ReadText(string directory, string name)
    {
        var path = Path.Combine(directory, name);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    /// <summary>Lists the regular files under out/ (links are not followed nor listed) with their sizes and SHA-256.</summary>
    public static IReadOnlyList<OutputFile> Outputs(string directory)
    {
        var outputs = Path.Combine(directory, JobFiles.Outputs);
        if (!Directory.Exists(outputs))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(outputs, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Order(StringComparer.Ordinal)
            .Select(path => new OutputFile(Path.GetRelativePath(outputs, path).Replace(Path.DirectorySeparatorChar, '/'), new FileInfo(path).Length, FileDigest.Sha256Hex(path)))];
    }
}
