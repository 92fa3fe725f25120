namespace VmMiddleware.Submit.Input;

/// <summary>What a job file given to translate or submit holds.</summary>
public enum JobFileFormat
{
    /// <summary>A work-unit XML file (urn:vmmiddleware:workunit:1), or XML that is not well formed, which the work-unit reader reports with its position.</summary>
    WorkUnit,

    /// <summary>A workflow XML file (urn:vmmiddleware:workflow:1).</summary>
    Workflow,

    /// <summary>An HTCondor submit description.</summary>
    SubmitFile,
}
