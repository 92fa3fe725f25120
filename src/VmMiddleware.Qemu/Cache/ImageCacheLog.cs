using Microsoft.Extensions.Logging;

namespace VmMiddleware.Qemu.Cache;

/// <summary>Source-generated log messages of the image cache.</summary>
internal static partial class ImageCacheLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Image cache: {Id} is corrupt (content hashes to {Actual}); removed it and {Dependants} dependent layer(s)")]
    public static partial void CorruptEntryRemoved(ILogger logger, string id, string actual, int dependants);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Image cache: removed stale temporary file {Path} left by an interrupted insert")]
    public static partial void StaleTempRemoved(ILogger logger, string path);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Image cache: evicted {Id} ({Size} bytes, last used at Unix ms {LastUsedMs})")]
    public static partial void Evicted(ILogger logger, string id, long size, long lastUsedMs);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Image cache: dropped index entry {Id}: {Reason}")]
    public static partial void EntryDropped(ILogger logger, string id, string reason);
}
