using System.Globalization;
using VmMiddleware.Host.Processes;

namespace VmMiddleware.Qemu.Launch;

/// <summary>
/// The directories a boot checkpoint is saved in before it is renamed into place (KEY.tmp-PID-STARTTICKS-SAVE, SAVE unique per save,
/// so that two builders of one process saving the same checkpoint at once, as the factory service does, never share one): a launcher killed
/// while saving leaves one behind (gigabytes of apparent size), so the next save removes those whose owner is gone.
/// </summary>
internal static class BootCheckpointTemporaries
{
    private const string Marker = ".tmp-";

    /// <summary>Older launchers named temporaries KEY.tmp-RANDOM, without an owner: those are removed once this old.</summary>
    private static readonly TimeSpan OwnerlessAge = TimeSpan.FromHours(1);

    /// <summary>Returns a new temporary directory name for one save, by this process, of the checkpoint that goes into <paramref name="directory"/>.</summary>
    public static string NameFor(string directory)
    {
        var self = ProcessIdentity.Of(Environment.ProcessId);
        return string.Create(CultureInfo.InvariantCulture, $"{directory}{Marker}{Environment.ProcessId}-{self?.StartTicks ?? 0}-{Guid.NewGuid():N}");
    }

    /// <summary>Deletes the temporaries under <paramref name="root"/> whose saving process no longer runs; reports each.</summary>
    public static void RemoveAbandoned(string root, TimeProvider time, Action<string> report)
    {
        foreach (var candidate in Directory.EnumerateDirectories(root, "*" + Marker + "*"))
        {
            if (!IsAbandoned(candidate, time))
            {
                continue;
            }

            try
            {
                Directory.Delete(candidate, recursive: true);
                report($"removed {candidate}, left by a launcher that was killed while saving a boot checkpoint");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                report($"cannot remove the abandoned boot checkpoint temporary {candidate}: {e.Message}");
            }
        }
    }

    internal static bool IsAbandoned(string path, TimeProvider time)
    {
        var name = Path.GetFileName(path);
        var owner = name[(name.LastIndexOf(Marker, StringComparison.Ordinal) + Marker.Length)..].Split('-');
        if (owner.Length is 2 or 3
            && int.TryParse(owner[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && long.TryParse(owner[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
        {
            return !new ProcessIdentity(pid, ticks).IsAlive();
        }

        return time.GetUtcNow() - Directory.GetLastWriteTimeUtc(path) > OwnerlessAge;
    }
}
