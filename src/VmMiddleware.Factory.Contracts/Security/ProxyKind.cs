namespace VmMiddleware.Factory.Contracts.Security;

/// <summary>What kind of certificate a chain element is, for grid authentication.</summary>
public enum ProxyKind
{
    /// <summary>Not a proxy: an end-entity or CA certificate.</summary>
    None,

    /// <summary>An RFC 3820 (or pre-RFC GSI 3) proxy that inherits all of its issuer's rights.</summary>
    InheritAll,

    /// <summary>A limited proxy (Globus's limited policy, or a legacy "CN=limited proxy").</summary>
    Limited,

    /// <summary>An independent proxy: it carries none of its issuer's rights, so it does not authenticate the issuer.</summary>
    Independent,

    /// <summary>A proxy with a policy language this service does not know.</summary>
    UnknownPolicy,

    /// <summary>A legacy (pre-RFC, "CN=proxy") Globus proxy.</summary>
    Legacy,
}
