namespace VmMiddleware.Factory.Tickets;

/// <summary>A ticket as the database keeps it.</summary>
/// <param name="Id">The ticket id (32 hexadecimal digits).</param>
/// <param name="Owner">The submitting account.</param>
/// <param name="Subject">The submitter's end-entity subject.</param>
/// <param name="State">Queued, Running, Succeeded or Failed.</param>
/// <param name="Format">The requested export format.</param>
/// <param name="Configuration">The vmconfig document as submitted.</param>
/// <param name="RequestDirectory">The directory holding the request's files (the DAG's paths resolve against it).</param>
/// <param name="SubmittedUtc">When it was accepted.</param>
/// <param name="FinishedUtc">When it finished, or null.</param>
/// <param name="ImageId">The built image, or null.</param>
/// <param name="Error">Why it failed, or null.</param>
/// <param name="ReusedNodes">Nodes that came from the cache.</param>
/// <param name="StatesBuilt">States its builds committed, in order, across resumes.</param>
/// <param name="Resumes">How many times it was resumed after a restart.</param>
internal sealed record TicketRecord(
    string Id,
    string Owner,
    string Subject,
    string State,
    string Format,
    string Configuration,
    string RequestDirectory,
    DateTime SubmittedUtc,
    DateTime? FinishedUtc,
    string? ImageId,
    string? Error,
    int ReusedNodes,
    IReadOnlyList<string> StatesBuilt,
    int Resumes);
