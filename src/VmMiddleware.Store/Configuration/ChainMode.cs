namespace VmMiddleware.Store.Configuration;

/// <summary>Whether entries form qcow2 layer chains, and how a layer names the entry below it.</summary>
public enum ChainMode
{
    /// <summary>Entries are standalone blobs; none has a parent.</summary>
    None,

    /// <summary>A layer's parent is recorded in its entry and its bytes are never rewritten (they are its content id); users hand the chain to QEMU explicitly.</summary>
    Recorded,

    /// <summary>A layer's qcow2 header names its parent's object by relative file name, in one flat objects directory; a commit rewrites the header to that name (<c>qemu-img rebase -u</c>) unless the layer already carries it.</summary>
    Linked,
}
