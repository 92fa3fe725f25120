namespace VmMiddleware.Translation.Condor;

/// <summary>One entry of a job's transfer list: its submit-side path and where its bytes come from.</summary>
/// <param name="SubmitPath">The path condor_submit reads, relative to the submit directory, or a URL.</param>
/// <param name="Source">The absolute host path the caller copies to <paramref name="SubmitPath"/> (image, inputs), or null when the caller provides the file itself (launcher, work unit, bundle, guest, hand-overs, URLs).</param>
/// <param name="Kind">What the file is.</param>
public sealed record ShippedFile(string SubmitPath, string? Source, ShippedFileKind Kind);
