using System.Runtime.InteropServices;
using SQLitePCL;

namespace VmMiddleware.Remote.Catalogue;

/// <summary>Binds Microsoft.Data.Sqlite to the system's SQLite (Debian's libsqlite3-0, libsqlite3.so.0), once per process; works under Native AOT, where no bundled native library travels with the single executable.</summary>
internal static class SqliteLibrary
{
    private static readonly Lazy<bool> Bound = new(() =>
    {
        NativeLibrary.SetDllImportResolver(typeof(SQLite3Provider_sqlite3).Assembly, Resolve);
        raw.SetProvider(new SQLite3Provider_sqlite3());
        return true;
    });

    /// <summary>Makes sure the provider is set.</summary>
    public static void Ensure() => _ = Bound.Value;

    private static IntPtr Resolve(string name, System.Reflection.Assembly assembly, DllImportSearchPath? path)
    {
        if (name != "sqlite3")
        {
            return IntPtr.Zero;
        }

        foreach (var candidate in new[] { "libsqlite3.so.0", "libsqlite3.so" })
        {
            if (NativeLibrary.TryLoad(candidate, out var handle))
            {
                return handle;
            }
        }

        throw new DllNotFoundException("SQLite is not installed: the job catalogue needs libsqlite3.so.0 (Debian package libsqlite3-0)");
    }
}
