namespace VmMiddleware.Images.Dag;

/// <summary>The kinds of action a configuration DAG node can hold; the names are the XML element names.</summary>
public enum ActionKind
{
    /// <summary>The image everything else starts from.</summary>
    Base,

    /// <summary>Copies a host file or directory into the guest.</summary>
    Copy,

    /// <summary>Runs a shell script as root in the guest.</summary>
    Script,

    /// <summary>Installs packages from a shipped directory or a site mirror.</summary>
    Packages,

    /// <summary>Adds a user account.</summary>
    User,

    /// <summary>Sets variables in /etc/environment.</summary>
    Environment,

    /// <summary>Sets the host name.</summary>
    Hostname,

    /// <summary>Grows the disk and its root file system.</summary>
    Resize,

    /// <summary>Declares attributes the image provides (they reach its ClassAd).</summary>
    Provides,
}
