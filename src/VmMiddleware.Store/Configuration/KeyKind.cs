namespace VmMiddleware.Store.Configuration;

/// <summary>What an entry's key is.</summary>
public enum KeyKind
{
    /// <summary>The SHA-256 of the entry's content, as 64 lower-case hex digits: the store checks it on every insert and can adopt an object whose entry was lost.</summary>
    ContentSha256,

    /// <summary>A name the configuration chooses (such as a prefix-state id): 1 to 128 characters of <c>[A-Za-z0-9_-]</c>; the content's SHA-256 is still recorded.</summary>
    Named,
}
