using System.Collections;
using VmMiddleware.Host.Processes;
using VmMiddleware.Qemu.Installation;

namespace VmMiddleware.Cli.Settings;

/// <summary>
/// Everything vmgrid takes from its environment, read once at start-up (<see cref="Program"/>); verbs hand these values to the
/// libraries in options records, and no library reads an environment variable itself.
/// </summary>
internal sealed partial record VmgridSettings
{
    /// <summary>Names the cache root (boot checkpoints, the image cache, the built guest).</summary>
    public const string CacheVariable = "VMMIDDLEWARE_CACHE";

    /// <summary>Names the factory store directory.</summary>
    public const string StoreVariable = "VMMIDDLEWARE_STORE";

    /// <summary>Names a qemu-system-x86_64 to use instead of the one on PATH.</summary>
    public const string QemuVariable = "VMMIDDLEWARE_QEMU";

    /// <summary>Names an unpacked QEMU bundle to use when --qemu-bundle is not given.</summary>
    public const string BundleVariable = "VMMIDDLEWARE_QEMU_BUNDLE";

    /// <summary>Names the reference guest directory.</summary>
    public const string GuestVariable = "VMMIDDLEWARE_GUEST";

    /// <summary>Forces an accelerator (kvm or tcg) without probing.</summary>
    public const string AcceleratorVariable = "VMMIDDLEWARE_ACCEL";

    /// <summary>Sets the execute-side image cache's size cap.</summary>
    public const string ImageCacheCapVariable = "VMMIDDLEWARE_IMAGE_CACHE_CAP";

    /// <summary>Names the GRAM gatekeeper contact for <c>submit --to rsl</c>.</summary>
    public const string GramContactVariable = "VMMIDDLEWARE_GRAM_CONTACT";

    /// <summary>Names the file <c>vmgrid run</c> writes once the guest runs; the GRAM vm adapter sets it to learn when a job leaves PENDING.</summary>
    public const string RunningFileVariable = "VMMIDDLEWARE_RUNNING_FILE";

    /// <summary>Names the factory service (https://HOST:PORT) whose held images translate and submit --to condor name as vmimage:// URLs.</summary>
    public const string FactoryVariable = "VMMIDDLEWARE_FACTORY";

    /// <summary>Names the job catalogue's file.</summary>
    public const string CatalogueVariable = "VMMIDDLEWARE_CATALOGUE";

    /// <summary>Gets the directories programs are looked up in (PATH).</summary>
    public required IReadOnlyList<string> SearchPath { get; init; }

    /// <summary>Gets the per-user cache root: $VMMIDDLEWARE_CACHE, else $XDG_CACHE_HOME/vmmiddleware, else ~/.cache/vmmiddleware.</summary>
    public required string CacheRoot { get; init; }

    /// <summary>Gets the default factory store: $VMMIDDLEWARE_STORE, else $XDG_CACHE_HOME (or ~/.cache)/vmmiddleware/factory.</summary>
    public required string StoreRoot { get; init; }

    /// <summary>Gets $VMMIDDLEWARE_QEMU, or null.</summary>
    public string? QemuBinary { get; init; }

    /// <summary>Gets $VMMIDDLEWARE_QEMU_BUNDLE, or null.</summary>
    public string? QemuBundle { get; init; }

    /// <summary>Gets $VMMIDDLEWARE_GUEST, or null.</summary>
    public string? GuestDirectory { get; init; }

    /// <summary>Gets $VMMIDDLEWARE_ACCEL, or null.</summary>
    public string? Accelerator { get; init; }

    /// <summary>Gets $VMMIDDLEWARE_IMAGE_CACHE_CAP, or null.</summary>
    public string? ImageCacheCap { get; init; }

    /// <summary>Gets $VMMIDDLEWARE_GRAM_CONTACT, or null.</summary>
    public string? GramContact { get; init; }

    /// <summary>Gets $VMMIDDLEWARE_RUNNING_FILE, or null.</summary>
    public string? RunningFile { get; init; }

    /// <summary>Gets $VMMIDDLEWARE_FACTORY, or null.</summary>
    public string? Factory { get; init; }

    /// <summary>Gets $HOME, or null when it is unset or empty.</summary>
    public string? Home { get; init; }

    /// <summary>Gets the user's name: $USER, else the name the system reports.</summary>
    public string UserName { get; init; } = string.Empty;

    /// <summary>Gets $SSH_AUTH_SOCK (the ssh-agent's socket), or null.</summary>
    public string? SshAgentSocket { get; init; }

    /// <summary>Gets the job catalogue's file: $VMMIDDLEWARE_CATALOGUE, else $XDG_DATA_HOME/vmmiddleware/jobs.db, else ~/.local/share/vmmiddleware/jobs.db.</summary>
    public string CataloguePath { get; init; } = string.Empty;

    /// <summary>Gets the grid credentials and trust the environment names: $X509_USER_PROXY, $X509_USER_CERT, $X509_USER_KEY, $X509_CERT_DIR.</summary>
    public GridSettings Grid { get; init; } = new(null, null, null, null);

    /// <summary>Gets the values of <see cref="GuestLocatorOptions.GuestBuildVariableNames"/> (unset ones absent).</summary>
    public IReadOnlyDictionary<string, string> GuestBuildKnobs { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets the whole environment, which submit files read with <c>$ENV(NAME)</c>.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets the process runner every verb and library call uses, looking programs up in <see cref="SearchPath"/>.</summary>
    public IProcessRunner Runner => new ProcessRunner(new ProcessRunnerOptions { SearchPath = SearchPath });

    /// <summary>Reads this process's environment.</summary>
    public static VmgridSettings FromProcess()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = (string?)entry.Value ?? string.Empty;
        }

        var user = variables.TryGetValue("USER", out var fromVariable) && fromVariable.Length > 0 ? fromVariable : SystemUserName();
        return FromEnvironment(variables, System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), user);
    }

    /// <summary>The user's name from the password database, or empty when this uid has no entry (an execute slot's dynamic user, a minimal root).</summary>
    private static string SystemUserName()
    {
        try
        {
            return System.Environment.UserName;
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    /// <summary>Builds the settings from <paramref name="variables"/>; <paramref name="userProfile"/> stands in for an unset or empty HOME.</summary>
    /// <param name="variables">The environment.</param>
    /// <param name="userProfile">The user's home directory as the system reports it.</param>
    /// <param name="systemUserName">The user's name as the system reports it, for an unset or empty USER.</param>
    public static VmgridSettings FromEnvironment(IReadOnlyDictionary<string, string> variables, string userProfile, string systemUserName = "")
    {
        ArgumentNullException.ThrowIfNull(variables);
        string? Get(string name) => variables.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
        var cache = Get("XDG_CACHE_HOME") ?? Path.Combine(Get("HOME") ?? userProfile, ".cache");
        var data = Get("XDG_DATA_HOME") ?? Path.Combine(Get("HOME") ?? userProfile, ".local", "share");
        return new VmgridSettings
        {
            SearchPath = ProgramSearch.Split(Get("PATH")),
            CacheRoot = Get(CacheVariable) ?? Path.Combine(cache, "vmmiddleware"),
            StoreRoot = Path.GetFullPath(Get(StoreVariable) ?? Path.Combine(cache, "vmmiddleware", "factory")),
            QemuBinary = Get(QemuVariable),
            QemuBundle = Get(BundleVariable),
            GuestDirectory = Get(GuestVariable),
            Accelerator = Get(AcceleratorVariable),
            ImageCacheCap = Get(ImageCacheCapVariable),
            GramContact = Get(GramContactVariable),
            RunningFile = Get(RunningFileVariable),
            Factory = Get(FactoryVariable),

            Home = Get("HOME"),
            UserName = Get("USER") ?? systemUserName,
            SshAgentSocket = Get("SSH_AUTH_SOCK"),
            CataloguePath = Path.GetFullPath(Get(CatalogueVariable) ?? Path.Combine(data, "vmmiddleware", "jobs.db")),
            Grid = new GridSettings(Get("X509_USER_PROXY"), Get("X509_USER_CERT"), Get("X509_USER_KEY"), Get("X509_CERT_DIR")),
            GuestBuildKnobs = GuestLocatorOptions.GuestBuildVariableNames.Where(variables.ContainsKey).ToDictionary(v => v, v => variables[v], StringComparer.Ordinal),
            Environment = variables,
        };
    }
}
