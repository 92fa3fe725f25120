using VmMiddleware.WorkUnits.Text;

namespace VmMiddleware.Submit;

/// <summary>Reads HTCondor submit descriptions as condor_submit does and lists the jobs their queue statements make.</summary>
public static class SubmitFile
{
    /// <summary>The largest submit file accepted, in characters (4 MiB).</summary>
    public const int MaxFileChars = 4 << 20;

    /// <summary>The largest item file "queue ... from FILE" accepts, in bytes (64 MiB).</summary>
    public const int MaxItemFileBytes = 64 << 20;

    /// <summary>Expands the submit file at <paramref name="path"/>; relative names in it resolve against its directory unless <see cref="SubmitOptions.BaseDirectory"/> says otherwise.</summary>
    /// <param name="path">The submit file; messages name it as given.</param>
    /// <param name="options">Ids, environment, randomness and limits; <see cref="SubmitOptions.Default"/> when null.</param>
    /// <returns>Every job the file queues, in order.</returns>
    /// <exception cref="SubmitFileException">The file cannot be read or has an error; the message names the file and line.</exception>
    public static SubmitExpansion Expand(string path, SubmitOptions? options = null)
    {
        var jobs = new List<SubmitJob>();
        return Collect(Stream(path, jobs.Add, options), jobs);
    }

    /// <summary>Reads the submit file at <paramref name="path"/> and hands each job to <paramref name="onJob"/> as soon as it is made, so that no more than one job is held at a time.</summary>
    /// <param name="path">The submit file; messages name it as given.</param>
    /// <param name="onJob">Receives the jobs in queue order.</param>
    /// <param name="options">Ids, environment, randomness and limits; <see cref="SubmitOptions.Default"/> when null.</param>
    /// <returns>The job count, warnings and whether the file has a queue statement.</returns>
    /// <exception cref="SubmitFileException">The file cannot be read or has an error; the message names the file and line. Jobs before the error have been handed out.</exception>
    public static SubmitSummary Stream(string path, Action<SubmitJob> onJob, SubmitOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(onJob);
        var fullPath = Path.GetFullPath(path);
        string text;
        try
        {
            text = ReadText(fullPath, path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SubmitFileException(path, 0, "the file does not exist", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SubmitFileException(path, 0, "the file cannot be read: " + e.Message, e);
        }

        options ??= SubmitOptions.Default;
        var baseDirectory = Path.GetFullPath(options.BaseDirectory ?? Path.GetDirectoryName(fullPath) ?? ".");
        return new SubmitProcessor(options, baseDirectory, fullPath, onJob).Run(text, path);
    }

    /// <summary>Reads a submit, include or item file as strict UTF-8 (an invalid byte is a positioned error, never U+FFFD) of at most <paramref name="maxBytes"/> bytes.</summary>
    /// <exception cref="SubmitFileException">The file is too large or is not UTF-8; the message names <paramref name="name"/>, the line and the column.</exception>
    internal static string ReadText(string fullPath, string name, long maxBytes = MaxFileChars)
    {
        var bytes = StrictUtf8.ReadBytes(fullPath, maxBytes)
            ?? throw new SubmitFileException(name, 0, $"the file is larger than {maxBytes} bytes");
        return StrictUtf8.TryDecode(bytes, out var text, out var error)
            ? text!
            : throw new SubmitFileException(name, error.Line, $"column {error.Column}: {error.Detail}");
    }

    /// <summary>Expands submit description <paramref name="text"/>; relative names resolve against <see cref="SubmitOptions.BaseDirectory"/> (the current directory when null).</summary>
    /// <param name="text">The submit description.</param>
    /// <param name="sourceName">The name messages give the text, such as "job.sub".</param>
    /// <param name="options">Ids, environment, randomness and limits; <see cref="SubmitOptions.Default"/> when null.</param>
    /// <returns>Every job the text queues, in order.</returns>
    /// <exception cref="SubmitFileException">The text has an error; the message names the source and line.</exception>
    public static SubmitExpansion ExpandText(string text, string sourceName, SubmitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        options ??= SubmitOptions.Default;
        var baseDirectory = Path.GetFullPath(options.BaseDirectory ?? Directory.GetCurrentDirectory());
        var jobs = new List<SubmitJob>();
        return Collect(new SubmitProcessor(options, baseDirectory, submitFilePath: null, jobs.Add).Run(text, sourceName), jobs);
    }

    private static SubmitExpansion Collect(SubmitSummary summary, List<SubmitJob> jobs) => new()
    {
        File = summary.File,
        Jobs = jobs,
        HasQueueStatement = summary.HasQueueStatement,
        Warnings = summary.Warnings,
    };
}
