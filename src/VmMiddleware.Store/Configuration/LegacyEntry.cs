using System.Text.Json;

namespace VmMiddleware.Store.Configuration;

/// <summary>What a configuration reads from an entry file that an older version of it wrote, so recovery can rewrite it in the store's format instead of dropping it.</summary>
/// <param name="Parent">The key of the entry below it, or null.</param>
/// <param name="Pinned">Whether it was pinned.</param>
/// <param name="CreatedUtc">When it was made.</param>
/// <param name="Metadata">The configuration's own description of it, kept in the new entry file.</param>
public sealed record LegacyEntry(string? Parent, bool Pinned, DateTimeOffset CreatedUtc, JsonElement? Metadata);
