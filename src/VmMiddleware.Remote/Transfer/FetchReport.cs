namespace VmMiddleware.Remote.Transfer;

/// <summary>What a fetch moved.</summary>
/// <param name="Files">The output files.</param>
/// <param name="TotalBytes">Their bytes.</param>
/// <param name="ReceivedBytes">The bytes received in this fetch.</param>
/// <param name="ResumedBytes">The bytes a partial download here already held.</param>
/// <param name="PresentBytes">The bytes of files already here whole.</param>
public sealed record FetchReport(int Files, long TotalBytes, long ReceivedBytes, long ResumedBytes, long PresentBytes);
