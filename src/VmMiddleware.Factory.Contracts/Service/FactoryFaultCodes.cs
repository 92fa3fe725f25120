namespace VmMiddleware.Factory.Contracts.Service;

/// <summary>The fault codes (subcodes of SOAP's Client or Server code) the factory's faults carry.</summary>
public static class FactoryFaultCodes
{
    /// <summary>The request is malformed: bad XML, an invalid configuration DAG, an unknown format, a bad name.</summary>
    public const string InvalidRequest = "InvalidRequest";

    /// <summary>The request is larger than the service accepts.</summary>
    public const string TooLarge = "TooLarge";

    /// <summary>The caller's quota (concurrent builds or stored bytes) does not allow the request; the reason names which.</summary>
    public const string QuotaExceeded = "QuotaExceeded";

    /// <summary>No such ticket or image.</summary>
    public const string NotFound = "NotFound";

    /// <summary>The caller is not allowed to do this (not the owner, or not authenticated).</summary>
    public const string AccessDenied = "AccessDenied";

    /// <summary>The image is in use (a build depends on it, it is pinned, or other images are built on it).</summary>
    public const string Conflict = "Conflict";
}
