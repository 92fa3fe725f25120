namespace VmMiddleware.Images.Bases;

/// <summary>What building the reference base produced and how long it took.</summary>
/// <param name="ImagePath">The qcow2 image written.</param>
/// <param name="Packages">The installed packages as "name version" lines (the resolved package list).</param>
/// <param name="MmdebstrapVersion">The mmdebstrap version that ran.</param>
/// <param name="Duration">The wall time of the whole build.</param>
/// <param name="Log">What the tools printed.</param>
public sealed record ReferenceBaseResult(string ImagePath, IReadOnlyList<string> Packages, string MmdebstrapVersion, TimeSpan Duration, string Log);
