namespace VmMiddleware.Images.Dag;

/// <summary>Declares attributes the image provides; values are ClassAd literals and reach the image's ClassAd.</summary>
/// <param name="Attributes">Name and ClassAd-literal pairs, in document order.</param>
public sealed record ProvidesAction(IReadOnlyList<KeyValuePair<string, string>> Attributes) : DagAction
{
    /// <inheritdoc/>
    public override ActionKind Kind => ActionKind.Provides;
}
