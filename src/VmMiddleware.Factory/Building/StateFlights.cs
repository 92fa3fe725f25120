namespace VmMiddleware.Factory.Building;

/// <summary>Single flight per state id across the service: a build claims the states it will make; a request needing one of them waits for that build instead of building it too.</summary>
internal sealed class StateFlights
{
    private readonly Dictionary<string, Task> _flying = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Claims every state in <paramref name="stateIds"/> for one build, or returns the build to wait for when one of them is claimed already.</summary>
    /// <returns>(the claim to release when the build ends, null) or (null, the task to await before planning again).</returns>
    public (IDisposable? Claim, Task? Wait) TryClaim(IReadOnlyCollection<string> stateIds)
    {
        lock (_gate)
        {
            foreach (var id in stateIds)
            {
                if (_flying.TryGetValue(id, out var other))
                {
                    return (null, other);
                }
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            foreach (var id in stateIds)
            {
                _flying[id] = done.Task;
            }

            return (new Claim(this, stateIds, done), null);
        }
    }

    private sealed class Claim(StateFlights owner, IReadOnlyCollection<string> ids, TaskCompletionSource done) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
            {
                foreach (var id in ids)
                {
                    owner._flying.Remove(id);
                }
            }

            done.TrySetResult();
        }
    }
}
