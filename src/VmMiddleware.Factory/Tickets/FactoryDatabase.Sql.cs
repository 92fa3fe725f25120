using System.Globalization;
using Microsoft.Data.Sqlite;

namespace VmMiddleware.Factory.Tickets;

internal sealed partial class FactoryDatabase
{
    private static (string, object?)[] Parameters(TicketRecord t) =>
    [
        ("$id", t.Id), ("$owner", t.Owner), ("$subject", t.Subject), ("$state", t.State), ("$format", t.Format), ("$configuration", t.Configuration),
        ("$dir", t.RequestDirectory), ("$submitted", Time(t.SubmittedUtc)), ("$finished", t.FinishedUtc is { } f ? Time(f) : null),
        ("$image", t.ImageId), ("$error", t.Error), ("$reused", t.ReusedNodes), ("$built", string.Join(',', t.StatesBuilt)), ("$resumes", t.Resumes),
    ];

    private static string Time(DateTime time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTime ParseTime(string text) => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        lock (_gate)
        {
            using var command = Command(sql, parameters);
            command.ExecuteNonQuery();
        }
    }

    // Commits with synchronous FULL: the log is fsynced, so this and every earlier commit survive a power loss.
    private void ExecuteDurably(string sql, params (string Name, object? Value)[] parameters)
    {
        lock (_gate)
        {
            using var full = Command("PRAGMA synchronous = FULL", []);
            full.ExecuteNonQuery();
            try
            {
                using var command = Command(sql, parameters);
                command.ExecuteNonQuery();
            }
            finally
            {
                using var normal = Command("PRAGMA synchronous = NORMAL", []);
                normal.ExecuteNonQuery();
            }
        }
    }

    private long Scalar(string sql)
    {
        lock (_readGate)
        {
            using var command = Read(sql, []);
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
    }

    private List<TicketRecord> Query(string sql, (string Name, object? Value)[] parameters)
    {
        lock (_readGate)
        {
            using var command = Read(sql, parameters);
            using var reader = command.ExecuteReader();
            var tickets = new List<TicketRecord>();
            while (reader.Read())
            {
                string? Text(string column) => reader.IsDBNull(reader.GetOrdinal(column)) ? null : reader.GetString(reader.GetOrdinal(column));
                tickets.Add(new TicketRecord(
                    Text("id")!,
                    Text("owner")!,
                    Text("subject")!,
                    Text("state")!,
                    Text("format")!,
                    Text("configuration")!,
                    Text("request_dir")!,
                    ParseTime(Text("submitted")!),
                    Text("finished") is { } finished ? ParseTime(finished) : null,
                    Text("image_id"),
                    Text("error"),
                    reader.GetInt32(reader.GetOrdinal("reused")),
                    Text("states_built") is { Length: > 0 } built ? built.Split(',') : [],
                    reader.GetInt32(reader.GetOrdinal("resumes"))));
            }

            return tickets;
        }
    }

    private SqliteCommand Command(string sql, (string Name, object? Value)[] parameters) => Command(_connection, sql, parameters);

    private SqliteCommand Read(string sql, (string Name, object? Value)[] parameters) => Command(_reader, sql, parameters);

    private static SqliteCommand Command(SqliteConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // every statement is a constant of this class; values go in as parameters
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
