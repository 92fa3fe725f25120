using System.Globalization;
using Microsoft.Data.Sqlite;

namespace VmMiddleware.Factory.Tickets;

/// <summary>
/// The service's SQLite database (WAL): tickets, which account owns which state, and the checksums of exports and layers. It holds no
/// image bytes: those stay in the factory's store. Writes go through one connection under a lock; reads have their own connection and
/// lock, so a reader never waits for a writer's commit (WAL lets them run side by side).
/// </summary>
/// <remarks>
/// Durability: synchronous NORMAL, except that accepting a ticket and recording a state's owner commit with synchronous FULL (an fsync
/// of the log, which also makes every earlier commit durable). A crash of the process loses no committed transaction in either mode; a
/// power loss can roll back the progress updates committed since the last fsync (a ticket then reads as Queued or Running again and is
/// resumed on start, reusing every committed layer; a lost export checksum is computed again), never an accepted ticket or an owner.
/// </remarks>
internal sealed partial class FactoryDatabase : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteConnection _reader;
    private readonly Lock _gate = new();
    private readonly Lock _readGate = new();

    private FactoryDatabase(SqliteConnection connection, SqliteConnection reader)
    {
        _connection = connection;
        _reader = reader;
    }

    private const string ContentQuery = "SELECT state_id, format, path, size, sha256 FROM exports WHERE sha256 = $sha AND size = $size";

    /// <summary>Opens (creating if needed) the database at <paramref name="path"/>.</summary>
    public static FactoryDatabase Open(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            PRAGMA busy_timeout = 5000;
            CREATE TABLE IF NOT EXISTS tickets (
              id TEXT PRIMARY KEY, owner TEXT NOT NULL, subject TEXT NOT NULL, state TEXT NOT NULL, format TEXT NOT NULL,
              configuration TEXT NOT NULL, request_dir TEXT NOT NULL, submitted TEXT NOT NULL, finished TEXT,
              image_id TEXT, error TEXT, reused INTEGER NOT NULL DEFAULT 0, states_built TEXT NOT NULL DEFAULT '', resumes INTEGER NOT NULL DEFAULT 0);
            CREATE INDEX IF NOT EXISTS tickets_state ON tickets(state);
            CREATE TABLE IF NOT EXISTS owners (state_id TEXT PRIMARY KEY, owner TEXT NOT NULL, created TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS ticket_logs (id TEXT PRIMARY KEY, tail TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS exports (state_id TEXT NOT NULL, format TEXT NOT NULL, path TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL, PRIMARY KEY (state_id, format));
            CREATE INDEX IF NOT EXISTS exports_content ON exports(sha256, size);
            """;
            setup.ExecuteNonQuery();
        }

        var reader = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        reader.Open();
        using (var setup = reader.CreateCommand())
        {
            setup.CommandText = "PRAGMA busy_timeout = 5000;";
            setup.ExecuteNonQuery();
        }

        return new FactoryDatabase(connection, reader);
    }

    /// <summary>Inserts a new ticket (durably: synchronous FULL).</summary>
    public void Insert(TicketRecord ticket) => ExecuteDurably(
        "INSERT INTO tickets (id, owner, subject, state, format, configuration, request_dir, submitted, finished, image_id, error, reused, states_built, resumes) VALUES ($id, $owner, $subject, $state, $format, $configuration, $dir, $submitted, $finished, $image, $error, $reused, $built, $resumes)",
        Parameters(ticket));

    /// <summary>Replaces a ticket's mutable fields.</summary>
    public void Update(TicketRecord ticket) => Execute(
        "UPDATE tickets SET state = $state, finished = $finished, image_id = $image, error = $error, reused = $reused, states_built = $built, resumes = $resumes WHERE id = $id",
        Parameters(ticket));

    /// <summary>Returns ticket <paramref name="id"/>, or null.</summary>
    public TicketRecord? Find(string id) => Query("SELECT * FROM tickets WHERE id = $id", [("$id", id)]).FirstOrDefault();

    /// <summary>Returns the tickets in <paramref name="states"/>, oldest first.</summary>
    public IReadOnlyList<TicketRecord> InStates(params string[] states) =>
        Query($"SELECT * FROM tickets WHERE state IN ({string.Join(", ", states.Select((_, i) => "$s" + i.ToString(CultureInfo.InvariantCulture)))}) ORDER BY submitted, id", [.. states.Select((s, i) => ("$s" + i.ToString(CultureInfo.InvariantCulture), (object?)s))]);

    /// <summary>Returns how many tickets there are.</summary>
    public long CountTickets() => Scalar("SELECT COUNT(*) FROM tickets");

    /// <summary>Records (durably) that <paramref name="owner"/>'s request built <paramref name="stateId"/> (the first builder owns it).</summary>
    public void SetOwner(string stateId, string owner, DateTime created) =>
        ExecuteDurably("INSERT OR IGNORE INTO owners (state_id, owner, created) VALUES ($id, $owner, $created)", [("$id", stateId), ("$owner", owner), ("$created", created.ToString("O", CultureInfo.InvariantCulture))]);

    /// <summary>Returns the owner of every state that has one.</summary>
    public IReadOnlyDictionary<string, string> Owners()
    {
        lock (_readGate)
        {
            using var command = Read("SELECT state_id, owner FROM owners", []);
            using var reader = command.ExecuteReader();
            var owners = new Dictionary<string, string>(StringComparer.Ordinal);
            while (reader.Read())
            {
                owners[reader.GetString(0)] = reader.GetString(1);
            }

            return owners;
        }
    }

    /// <summary>Records an export or a layer checksum.</summary>
    public void SetExport(ExportRecord export) => Execute(
        "INSERT OR REPLACE INTO exports (state_id, format, path, size, sha256) VALUES ($id, $format, $path, $size, $sha)",
        [("$id", export.StateId), ("$format", export.Format), ("$path", export.Path), ("$size", export.SizeBytes), ("$sha", export.Sha256)]);

    /// <summary>Returns the export of <paramref name="stateId"/> in <paramref name="format"/>, or null.</summary>
    public ExportRecord? FindExport(string stateId, string format)
    {
        lock (_readGate)
        {
            using var command = Read("SELECT state_id, format, path, size, sha256 FROM exports WHERE state_id = $id AND format = $format", [("$id", stateId), ("$format", format)]);
            using var reader = command.ExecuteReader();
            return reader.Read() ? new ExportRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4)) : null;
        }
    }

    /// <summary>Returns the exports and layer checksums with <paramref name="sha256"/> and <paramref name="sizeBytes"/> (an indexed lookup, not a scan).</summary>
    public IReadOnlyList<ExportRecord> ExportsWithContent(string sha256, long sizeBytes)
    {
        lock (_readGate)
        {
            using var command = Read(ContentQuery, [("$sha", sha256), ("$size", sizeBytes)]);
            using var reader = command.ExecuteReader();
            var exports = new List<ExportRecord>();
            while (reader.Read())
            {
                exports.Add(new ExportRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4)));
            }

            return exports;
        }
    }

    /// <summary>Returns SQLite's plan for <see cref="ExportsWithContent"/> (which index it searches), for tests.</summary>
    internal string ContentQueryPlan()
    {
        lock (_readGate)
        {
            using var command = Read("EXPLAIN QUERY PLAN " + ContentQuery, [("$sha", string.Empty), ("$size", 0L)]);
            using var reader = command.ExecuteReader();
            var plan = new List<string>();
            while (reader.Read())
            {
                plan.Add(reader.GetString(3));
            }

            return string.Join('\n', plan);
        }
    }

    /// <summary>Returns every export, layer checksums included.</summary>
    public IReadOnlyList<ExportRecord> Exports()
    {
        lock (_readGate)
        {
            using var command = Read("SELECT state_id, format, path, size, sha256 FROM exports", []);
            using var reader = command.ExecuteReader();
            var exports = new List<ExportRecord>();
            while (reader.Read())
            {
                exports.Add(new ExportRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4)));
            }

            return exports;
        }
    }

    /// <summary>Forgets a state: its owner, exports and checksums (the caller removes the files).</summary>
    public void ForgetState(string stateId) =>
        Execute("DELETE FROM owners WHERE state_id = $id; DELETE FROM exports WHERE state_id = $id", [("$id", stateId)]);

    /// <inheritdoc/>
    public void Dispose()
    {
        _reader.Dispose();
        _connection.Dispose();
    }
}
