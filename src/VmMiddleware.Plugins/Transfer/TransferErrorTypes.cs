namespace VmMiddleware.Plugins.Transfer;

/// <summary>The ErrorType values of HTCondor's TransferErrorData.</summary>
public static class TransferErrorTypes
{
    /// <summary>The request itself is impossible or malformed (a bad URL, an upload).</summary>
    public const string Parameter = "Parameter";

    /// <summary>The service's name did not resolve.</summary>
    public const string Resolution = "Resolution";

    /// <summary>The service did not answer at its address.</summary>
    public const string Contact = "Contact";

    /// <summary>The service refused the credential (HTTP 403), or no credential could be loaded.</summary>
    public const string Authorization = "Authorization";

    /// <summary>The service says the image does not exist (HTTP 404).</summary>
    public const string Specification = "Specification";

    /// <summary>The transfer started and did not complete, a checksum did not match, or the cache or disk had no room.</summary>
    public const string Transfer = "Transfer";
}
