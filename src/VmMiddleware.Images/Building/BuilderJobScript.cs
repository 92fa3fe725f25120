namespace VmMiddleware.Images.Building;

/// <summary>The builder VM's job script (Guest/builder-job.sh): runs the seed's actions and pauses between them for the host's layer switch.</summary>
public static class BuilderJobScript
{
    /// <summary>Returns the embedded script.</summary>
    public static string Text()
    {
        using var stream = typeof(BuilderJobScript).Assembly.GetManifestResourceStream("VmMiddleware.Images.Guest.builder-job.sh")
            ?? throw new InvalidOperationException("builder-job.sh is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
