using Microsoft.Extensions.Logging;

namespace VmMiddleware.Store;

/// <summary>Source-generated log messages of the content store.</summary>
internal static partial class StoreLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Store {Root}: {Entry} is corrupt (content hashes to {Actual}); removed it and {Dependants} dependent entries")]
    public static partial void CorruptEntryRemoved(ILogger logger, string root, string entry, string actual, int dependants);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Store {Root}: removed temporary file {Path} left by a writer that is gone")]
    public static partial void TemporaryRemoved(ILogger logger, string root, string path);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Store {Root}: evicted {Entry} ({Size} bytes, last used {LastUsed:o})")]
    public static partial void Evicted(ILogger logger, string root, string entry, long size, DateTimeOffset lastUsed);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Store {Root}: dropped entry {Entry}: {Reason}")]
    public static partial void EntryDropped(ILogger logger, string root, string entry, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Store {Root}: adopted {Entry}, whose entry file was lost; its content is checked on first use")]
    public static partial void ObjectAdopted(ILogger logger, string root, string entry);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Store {Root}: removed object {Entry}, which has no entry file: {Reason}")]
    public static partial void OrphanRemoved(ILogger logger, string root, string entry, string reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Store {Root}: rewrote entry file {Entry} from an older format")]
    public static partial void EntryUpgraded(ILogger logger, string root, string entry);
}
