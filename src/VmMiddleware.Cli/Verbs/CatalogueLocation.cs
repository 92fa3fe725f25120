using VmMiddleware.Remote.Catalogue;

namespace VmMiddleware.Cli.Verbs;

/// <summary>Where the user's job catalogue lives: $VMMIDDLEWARE_CATALOGUE, else $XDG_DATA_HOME/vmmiddleware/jobs.db, else ~/.local/share/vmmiddleware/jobs.db.</summary>
internal static class CatalogueLocation
{
    public const string Variable = "VMMIDDLEWARE_CATALOGUE";

    public static string Path
    {
        get
        {
            if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
            {
                return System.IO.Path.GetFullPath(given);
            }

            var data = Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg
                ? xdg
                : System.IO.Path.Combine(Environment.GetEnvironmentVariable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            return System.IO.Path.Combine(data, "vmmiddleware", "jobs.db");
        }
    }

    public static JobCatalogue Open() => JobCatalogue.Open(Path);
}
