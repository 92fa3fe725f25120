namespace VmMiddleware.Submit;

/// <summary>What one queue statement asks for: how many jobs per item, the variables each item sets and the selected items with their indexes.</summary>
/// <param name="Count">Jobs per item (or in all, without an item list).</param>
/// <param name="Variables">The variables each item sets, in order; empty means the item sets Item.</param>
/// <param name="Items">The selected items with their index in the full list, or null when the statement has no item list.</param>
internal sealed record QueuePlan(int Count, IReadOnlyList<string> Variables, IReadOnlyList<(int Index, string Item)>? Items);
