namespace VmMiddleware.Plugins.Cache;

/// <summary>What the plugin cache keeps in a layer's entry beside its content key: the factory's state ids.</summary>
/// <param name="StateId">The layer's state id on the factory.</param>
/// <param name="ParentStateId">Its parent's state id, or null for a base.</param>
/// <param name="Service">The service it came from.</param>
public sealed record LayerMetadata(string StateId, string? ParentStateId, string Service);
