using System.Globalization;

namespace VmMiddleware.Images.Building;

/// <summary>What a builder VM has done so far: which actions started and ended with which status, how long each took, and the bytes written to layers.</summary>
/// <param name="request">The request being run.</param>
/// <param name="progress">Receives one report per action start and end.</param>
/// <param name="time">Times the actions.</param>
internal sealed class BuilderRun(ExecutionRequest request, IProgress<BuildProgress> progress, TimeProvider time)
{
    private readonly Dictionary<string, long> _started = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Status, TimeSpan Duration)> _ended = new(StringComparer.Ordinal);

    public ExecutionRequest Request => request;

    public void Started(string seedName)
    {
        _started[seedName] = time.GetTimestamp();
        if (Find(seedName) is { } action)
        {
            Report(action.Number);
        }
    }

    public void Ended(string seedName, int status)
    {
        var duration = _started.TryGetValue(seedName, out var start) ? time.GetElapsedTime(start) : TimeSpan.Zero;
        _ended[seedName] = (status, duration);
        if (Find(seedName) is { } action)
        {
            Report(action.Number);
        }
    }

    /// <summary>Returns whether the action on the seed as <paramref name="seedName"/> ended with status 0.</summary>
    public bool Succeeded(string seedName) => _ended.TryGetValue(seedName, out var ended) && ended.Status == 0;

    /// <summary>Reports the action numbered <paramref name="number"/> (0 = booting) and the bytes in the layers so far.</summary>
    public void Report(int number)
    {
        var action = number >= 1 ? request.Actions[number - 1] : null;
        var written = request.Actions.Where(a => File.Exists(a.LayerPath)).Sum(a => new FileInfo(a.LayerPath).Length);
        progress.Report(new BuildProgress(number == 0 ? "boot" : "action", number, request.Actions.Count, action?.Node.Id, written));
    }

    /// <summary>Returns the outcomes in run order up to the first action without an end marker or with a failure; logs come from <paramref name="outputDirectory"/>.</summary>
    public List<ActionOutcome> Outcomes(string outputDirectory)
    {
        var outcomes = new List<ActionOutcome>();
        foreach (var action in request.Actions)
        {
            var dir = Path.Combine(outputDirectory, action.SeedName);
            var statusFile = Path.Combine(dir, "status");
            int status;
            TimeSpan duration;
            if (_ended.TryGetValue(action.SeedName, out var ended))
            {
                (status, duration) = ended;
            }
            else if (File.Exists(statusFile) && int.TryParse(File.ReadAllText(statusFile).Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var fromFile))
            {
                (status, duration) = (fromFile, TimeSpan.Zero);
            }
            else
            {
                break;
            }

            var logFile = Path.Combine(dir, "log");
            var log = File.Exists(logFile) ? File.ReadAllText(logFile) : string.Empty;
            outcomes.Add(new ActionOutcome(action.Number, status, log, duration));
            if (status != 0)
            {
                break;
            }
        }

        return outcomes;
    }

    private ExecutionAction? Find(string seedName) => request.Actions.FirstOrDefault(a => a.SeedName == seedName);
}
