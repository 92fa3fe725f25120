using System.Globalization;
using Microsoft.Data.Sqlite;
using VmMiddleware.Remote.Jobs;

namespace VmMiddleware.Remote.Catalogue;

/// <summary>The user's job catalogue: one SQLite file (WAL mode) listing every job submitted from this machine, so <c>vmgrid status</c> with no argument lists them.</summary>
public sealed class JobCatalogue : IDisposable
{
    private readonly SqliteConnection connection;

    private JobCatalogue(SqliteConnection connection) => this.connection = connection;

    /// <summary>Opens (creating if needed) the catalogue at <paramref name="path"/>.</summary>
    /// <exception cref="RemoteException">The file cannot be opened as a catalogue.</exception>
    public static JobCatalogue Open(string path)
    {
        SqliteLibrary.Ensure();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=10000;");
            Execute(connection, """
                CREATE TABLE IF NOT EXISTS jobs (
                  id TEXT PRIMARY KEY, name TEXT NOT NULL, target TEXT NOT NULL, local_dir TEXT NOT NULL, submitted TEXT NOT NULL,
                  gateway TEXT, remote_dir TEXT, remote_vmgrid TEXT, handle TEXT, identities TEXT, known_hosts TEXT, host_key TEXT,
                  state TEXT, exit_code INTEGER, reason TEXT, native TEXT, updated TEXT);
                """);
            return new JobCatalogue(connection);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new RemoteException($"{path}: cannot open the job catalogue: {e.Message}", e);
        }
    }

    /// <summary>Adds or replaces a job.</summary>
    public void Put(CatalogueEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR REPLACE INTO jobs (id, name, target, local_dir, submitted, gateway, remote_dir, remote_vmgrid, handle, identities, known_hosts, host_key, state, exit_code, reason, native, updated)
            VALUES ($id, $name, $target, $local, $submitted, $gateway, $remoteDir, $remoteVmgrid, $handle, $identities, $knownHosts, $hostKey, $state, $exit, $reason, $native, $updated)
            """;
        command.Parameters.AddWithValue("$id", entry.Id);
        command.Parameters.AddWithValue("$name", entry.Name);
        command.Parameters.AddWithValue("$target", entry.Target);
        command.Parameters.AddWithValue("$local", entry.LocalDirectory);
        command.Parameters.AddWithValue("$submitted", entry.Submitted.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$gateway", (object?)entry.Gateway ?? DBNull.Value);
        command.Parameters.AddWithValue("$remoteDir", (object?)entry.RemoteDirectory ?? DBNull.Value);
        command.Parameters.AddWithValue("$remoteVmgrid", (object?)entry.RemoteVmgrid ?? DBNull.Value);
        command.Parameters.AddWithValue("$handle", (object?)entry.Handle ?? DBNull.Value);
        command.Parameters.AddWithValue("$identities", (object?)Join(entry.Trust?.IdentityFiles) ?? DBNull.Value);
        command.Parameters.AddWithValue("$knownHosts", (object?)Join(entry.Trust?.KnownHostsFiles) ?? DBNull.Value);
        command.Parameters.AddWithValue("$hostKey", (object?)entry.Trust?.HostKeyFingerprint ?? DBNull.Value);
        command.Parameters.AddWithValue("$state", (object?)entry.LastStatus?.StateName ?? DBNull.Value);
        command.Parameters.AddWithValue("$exit", (object?)entry.LastStatus?.ExitCode ?? DBNull.Value);
        command.Parameters.AddWithValue("$reason", (object?)entry.LastStatus?.Reason ?? DBNull.Value);
        command.Parameters.AddWithValue("$native", (object?)entry.LastStatus?.Native ?? DBNull.Value);
        command.Parameters.AddWithValue("$updated", (object?)entry.Updated?.ToString("O", CultureInfo.InvariantCulture) ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    /// <summary>Records the status seen for job <paramref name="id"/>.</summary>
    public void Update(string id, JobStatus status, DateTimeOffset seen)
    {
        ArgumentNullException.ThrowIfNull(status);
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE jobs SET state = $state, exit_code = $exit, reason = $reason, native = $native, updated = $updated WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$state", status.StateName);
        command.Parameters.AddWithValue("$exit", (object?)status.ExitCode ?? DBNull.Value);
        command.Parameters.AddWithValue("$reason", (object?)status.Reason ?? DBNull.Value);
        command.Parameters.AddWithValue("$native", (object?)status.Native ?? DBNull.Value);
        command.Parameters.AddWithValue("$updated", seen.ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
    }

    /// <summary>Returns every job, oldest first.</summary>
    public IReadOnlyList<CatalogueEntry> List() => Query("SELECT * FROM jobs ORDER BY submitted, id", null);

    /// <summary>Returns the job named by <paramref name="reference"/>: its id, its handle (GRAM contact, HTCondor id), or the part of a remote id after '/'; null when none or more than one match.</summary>
    public CatalogueEntry? Find(string reference)
    {
        var matches = Query("SELECT * FROM jobs WHERE id = $r OR handle = $r OR id LIKE '%/' || $r ORDER BY (id = $r) DESC", reference);
        return matches.Count == 1 || (matches.Count > 1 && matches[0].Id == reference) ? matches[0] : null;
    }

    /// <inheritdoc/>
    public void Dispose() => connection.Dispose();

    private List<CatalogueEntry> Query(string sql, string? reference)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (reference is not null)
        {
            command.Parameters.AddWithValue("$r", reference);
        }

        using var reader = command.ExecuteReader();
        var entries = new List<CatalogueEntry>();
        while (reader.Read())
        {
            string? Text(string column) => reader.IsDBNull(reader.GetOrdinal(column)) ? null : reader.GetString(reader.GetOrdinal(column));
            var state = Text("state");
            entries.Add(new CatalogueEntry(Text("id")!, Text("name")!, Text("target")!, Text("local_dir")!, DateTimeOffset.Parse(Text("submitted")!, CultureInfo.InvariantCulture))
            {
                Gateway = Text("gateway"),
                RemoteDirectory = Text("remote_dir"),
                RemoteVmgrid = Text("remote_vmgrid"),
                Handle = Text("handle"),
                Trust = Text("gateway") is null ? null : new GatewayTrust(Split(Text("identities")) ?? [], Split(Text("known_hosts")), Text("host_key")),
                LastStatus = state is null ? null : new JobStatus(
                    Enum.Parse<JobState>(state, ignoreCase: true),
                    reader.IsDBNull(reader.GetOrdinal("exit_code")) ? null : reader.GetInt32(reader.GetOrdinal("exit_code")),
                    Text("reason"),
                    Text("native")),
                Updated = Text("updated") is { } updated ? DateTimeOffset.Parse(updated, CultureInfo.InvariantCulture) : null,
            });
        }

        return entries;
    }

    private static string? Join(IReadOnlyList<string>? paths) => paths is null ? null : string.Join('\n', paths);

    private static string[]? Split(string? text) => text is null ? null : text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
