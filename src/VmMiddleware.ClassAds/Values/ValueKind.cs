namespace VmMiddleware.ClassAds.Values;

/// <summary>The type of a ClassAd value, as HTCondor's ClassAd library distinguishes them.</summary>
public enum ValueKind : byte
{
    /// <summary>The UNDEFINED value: an attribute or result that does not exist.</summary>
    Undefined,

    /// <summary>The ERROR value: a type error or other failed evaluation.</summary>
    Error,

    /// <summary>A boolean.</summary>
    Boolean,

    /// <summary>A 64-bit signed integer.</summary>
    Integer,

    /// <summary>A 64-bit IEEE real.</summary>
    Real,

    /// <summary>A string.</summary>
    String,

    /// <summary>An absolute time: seconds since the epoch plus a time-zone offset.</summary>
    AbsoluteTime,

    /// <summary>A relative time: a duration in seconds.</summary>
    RelativeTime,

    /// <summary>A list of expressions.</summary>
    List,

    /// <summary>A nested ClassAd.</summary>
    ClassAd,
}
