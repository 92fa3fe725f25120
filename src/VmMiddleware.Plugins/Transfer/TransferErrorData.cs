namespace VmMiddleware.Plugins.Transfer;

/// <summary>One element of a result's TransferErrorData list, as HTCondor's transfer_error_data.rst specifies it.</summary>
/// <param name="ErrorType">Parameter, Resolution, Contact, Authorization, Specification or Transfer (<see cref="TransferErrorTypes"/>).</param>
/// <param name="ErrorCode">An integer: the HTTP status, the errno, or one of <see cref="TransferErrorCodes"/>.</param>
/// <param name="ErrorString">What went wrong, for the submitter.</param>
/// <param name="Retryable">-1 not retryable, 0 retryable without delay guidance, k: retry after k seconds.</param>
public sealed record TransferErrorData(string ErrorType, long ErrorCode, string ErrorString, long Retryable)
{
    /// <summary>Gets the server that failed (Contact, Authorization, Specification, Transfer), or null.</summary>
    public string? FailedServer { get; init; }

    /// <summary>Gets the name that did not resolve (Resolution), or null.</summary>
    public string? FailedName { get; init; }

    /// <summary>Gets the failure type where the type has one: Definitive/PreContact/PostContact (Resolution), Authentication/Authorization, or TooSlow/NoSpace/TimedOut/Quota (Transfer).</summary>
    public string? FailureType { get; init; }

    /// <summary>Gets whether the plugin started (Parameter errors only).</summary>
    public bool? PluginLaunched { get; init; }

    /// <summary>Gets the plugin's version (Parameter errors only).</summary>
    public string? PluginVersion { get; init; }

    /// <summary>Gets whether a fresh credential might help (Authorization errors only).</summary>
    public bool? ShouldRefresh { get; init; }
}
