using System.Xml.Serialization;
using VmMiddleware.Factory.Contracts.Service;

namespace VmMiddleware.Factory.Contracts.Messages;

/// <summary>A ticket as the service knows it now: state, progress, result or error.</summary>
[XmlType(Namespace = FactoryNames.Namespace)]
public sealed class TicketStatus
{
    /// <summary>Gets or sets the ticket id.</summary>
    [XmlElement(Order = 1)]
    public string TicketId { get; set; } = string.Empty;

    /// <summary>Gets or sets the state: Queued, Running, Succeeded or Failed.</summary>
    [XmlElement(Order = 2)]
    public string State { get; set; } = string.Empty;

    /// <summary>Gets or sets the account that submitted it.</summary>
    [XmlElement(Order = 3)]
    public string Owner { get; set; } = string.Empty;

    /// <summary>Gets or sets the requested export format.</summary>
    [XmlElement(Order = 4)]
    public string Format { get; set; } = string.Empty;

    /// <summary>Gets or sets the build phase (queued, planning, waiting, base, boot, action, commit, export, done).</summary>
    [XmlElement(Order = 5)]
    public string Phase { get; set; } = string.Empty;

    /// <summary>Gets or sets the 1-based number of the action being built, or 0.</summary>
    [XmlElement(Order = 6)]
    public int ActionNumber { get; set; }

    /// <summary>Gets or sets how many actions this build runs.</summary>
    [XmlElement(Order = 7)]
    public int ActionCount { get; set; }

    /// <summary>Gets or sets the node id of the action being built, or null.</summary>
    [XmlElement(Order = 8)]
    public string? CurrentAction { get; set; }

    /// <summary>Gets or sets the bytes written to new layers so far.</summary>
    [XmlElement(Order = 9)]
    public long BytesWritten { get; set; }

    /// <summary>Gets or sets the last lines of the build log.</summary>
    [XmlElement(Order = 10)]
    public string LogTail { get; set; } = string.Empty;

    /// <summary>Gets or sets the image id (the state holding the whole DAG) once built.</summary>
    [XmlElement(Order = 11)]
    public string? ImageId { get; set; }

    /// <summary>Gets or sets why the build failed, or null.</summary>
    [XmlElement(Order = 12)]
    public string? Error { get; set; }

    /// <summary>Gets or sets when the ticket was submitted (UTC).</summary>
    [XmlElement(Order = 13)]
    public DateTime SubmittedUtc { get; set; }

    /// <summary>Gets or sets when the ticket finished (UTC), or null.</summary>
    [XmlElement(Order = 14)]
    public DateTime? FinishedUtc { get; set; }

    /// <summary>Gets or sets how many of the DAG's nodes came from the cache.</summary>
    [XmlElement(Order = 15)]
    public int ReusedNodes { get; set; }

    /// <summary>Gets or sets the ids of the states this ticket's builds committed, in order.</summary>
    [XmlArray(Order = 16)]
    [XmlArrayItem("string")]
    public List<string> StatesBuilt { get; set; } = [];

    /// <summary>Gets or sets how many times the build was resumed after a service restart.</summary>
    [XmlElement(Order = 17)]
    public int Resumes { get; set; }
}
