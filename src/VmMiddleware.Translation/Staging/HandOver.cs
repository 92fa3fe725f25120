namespace VmMiddleware.Translation.Staging;

/// <summary>A file another job leaves for this one: where it is on the submit side and where the guest sees it.</summary>
/// <param name="SubmitPath">The file's path on the submit side, relative to this job's submit directory (such as ../produce/out/sum.txt).</param>
/// <param name="Target">The path relative to the guest's input directory (/work/in) where the file appears.</param>
public sealed record HandOver(string SubmitPath, string Target)
{
    /// <summary>Gets the name the file arrives under in the job directory: the last segment of <see cref="SubmitPath"/>.</summary>
    public string FileName => SubmitPath.TrimEnd('/').Split('/')[^1];
}
