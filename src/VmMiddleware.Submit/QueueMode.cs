namespace VmMiddleware.Submit;

/// <summary>How a queue statement lists its items.</summary>
internal enum QueueMode
{
    /// <summary>No item list: queue [count].</summary>
    None,

    /// <summary>queue [count] [var] in [slice] item, item ...</summary>
    In,

    /// <summary>queue [count] [vars] from [slice] file | ( lines ).</summary>
    From,

    /// <summary>queue [count] [var] matching [files|dirs] [slice] glob ...</summary>
    Matching,
}
