namespace VmMiddleware.Store.Configuration;

/// <summary>The names of a store's directories and object files, relative to its root.</summary>
/// <remarks>The defaults are the execute-side cache's: <c>objects/ab/cdef…</c>, <c>tmp/</c>, <c>entries/</c>, <c>locks/</c>, <c>work/</c>.</remarks>
public sealed record StoreLayout
{
    /// <summary>Gets the default layout.</summary>
    public static StoreLayout Default { get; } = new();

    /// <summary>Gets the directory of the object files (the entries' content); "objects" by default.</summary>
    public string Objects { get; init; } = "objects";

    /// <summary>Gets a value indicating whether objects are spread over sub-directories named by the key's first two characters (<c>ab/cdef…</c>); true by default.</summary>
    public bool FanOut { get; init; } = true;

    /// <summary>Gets the extension of object file names, such as ".qcow2"; none by default.</summary>
    public string ObjectExtension { get; init; } = string.Empty;

    /// <summary>Gets the directory of temporary files (inserts in progress); "tmp" by default. When it is <see cref="Objects"/>, only names starting <c>.tmp-</c> are temporary.</summary>
    public string Temporaries { get; init; } = "tmp";

    /// <summary>Gets the directory of the entry files, <c>KEY.json</c>, the store's durable index; "entries" by default.</summary>
    public string Entries { get; init; } = "entries";

    /// <summary>Gets the directory of lock files; "locks" by default.</summary>
    public string Locks { get; init; } = "locks";

    /// <summary>Gets the directory of sessions' scratch directories; "work" by default.</summary>
    public string Work { get; init; } = "work";

    /// <summary>Gets the files a configuration keeps beside an entry, as paths relative to the root with <c>{key}</c> in the file name (such as <c>logs/{key}.log</c>); they go when the entry goes.</summary>
    public IReadOnlyList<string> Attachments { get; init; } = [];
}
