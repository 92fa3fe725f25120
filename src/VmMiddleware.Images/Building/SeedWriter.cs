using System.Globalization;
using VmMiddleware.Images.Dag;

namespace VmMiddleware.Images.Building;

/// <summary>Writes the seed the action runner reads: <c>run-actions.sh</c> and one <c>actions/NN-kind/</c> directory per action, one file per argument.</summary>
public static class SeedWriter
{
    /// <summary>Returns the embedded action runner script (Guest/run-actions.sh).</summary>
    public static string RunnerScript()
    {
        using var stream = typeof(SeedWriter).Assembly.GetManifestResourceStream("VmMiddleware.Images.Guest.run-actions.sh")
            ?? throw new InvalidOperationException("run-actions.sh is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Returns the seed directory name of the <paramref name="number"/>th action (1-based).</summary>
    public static string SeedName(int number, DagNode node) =>
        number.ToString("D3", CultureInfo.InvariantCulture) + "-" + node.Action.ElementName;

    /// <summary>Writes the seed for <paramref name="nodes"/> (in run order) into the new directory <paramref name="seedDirectory"/>.</summary>
    public static void Write(string seedDirectory, IReadOnlyList<DagNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var actions = Directory.CreateDirectory(Path.Combine(seedDirectory, "actions")).FullName;
        var runner = Path.Combine(seedDirectory, "run-actions.sh");
        File.WriteAllText(runner, RunnerScript());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(runner, (UnixFileMode)0x1ED); // 0755
        }

        for (var i = 0; i < nodes.Count; i++)
        {
            var dir = Directory.CreateDirectory(Path.Combine(actions, SeedName(i + 1, nodes[i]))).FullName;
            WriteAction(dir, nodes[i]);
        }
    }

    private static void WriteAction(string dir, DagNode node)
    {
        Put(dir, "kind", node.Action.ElementName);
        Put(dir, "id", node.Id);
        switch (node.Action)
        {
            case CopyAction c:
                Put(dir, "target", c.Target);
                var payload = Directory.CreateDirectory(Path.Combine(dir, "payload")).FullName;
                if (File.Exists(c.Source))
                {
                    Put(dir, "file", Path.GetFileName(c.Source));
                    File.Copy(c.Source, Path.Combine(payload, Path.GetFileName(c.Source)));
                }
                else
                {
                    CopyTree(c.Source, payload);
                }

                break;
            case ScriptAction s:
                Put(dir, "script", s.Text.ReplaceLineEndings("\n"));
                break;
            case PackagesAction p:
                Put(dir, "names", string.Join('\n', p.Names));
                if (p.Mirror is not null)
                {
                    Put(dir, "mirror", p.Mirror);
                }
                else
                {
                    var debs = Directory.CreateDirectory(Path.Combine(dir, "debs")).FullName;
                    foreach (var deb in Directory.EnumerateFiles(p.Directory!, "*.deb"))
                    {
                        File.Copy(deb, Path.Combine(debs, Path.GetFileName(deb)));
                    }
                }

                break;
            case UserAction u:
                Put(dir, "name", u.Name);
                Put(dir, "uid", u.Uid?.ToString(CultureInfo.InvariantCulture));
                Put(dir, "groups", u.Groups);
                Put(dir, "shell", u.Shell);
                break;
            case EnvironmentAction e:
                Put(dir, "environment", string.Join('\n', e.Variables.Select(v => v.Key + "=" + v.Value)));
                break;
            case HostnameAction h:
                Put(dir, "name", h.Name);
                break;
            case ResizeAction r:
                Put(dir, "size", r.SizeBytes.ToString(CultureInfo.InvariantCulture));
                break;
            case ProvidesAction pr:
                Put(dir, "attributes", string.Join('\n', pr.Attributes.Select(v => v.Key + "=" + v.Value)));
                break;
            default:
                break;
        }
    }

    private static void Put(string dir, string name, string? value)
    {
        if (value is not null)
        {
            File.WriteAllText(Path.Combine(dir, name), value + "\n");
        }
    }

    private static void CopyTree(string source, string destination)
    {
        foreach (var entry in new DirectoryInfo(source).EnumerateFileSystemInfos())
        {
            var target = Path.Combine(destination, entry.Name);
            if (entry.LinkTarget is { } link)
            {
                File.CreateSymbolicLink(target, link);
            }
            else if (entry is DirectoryInfo)
            {
                Directory.CreateDirectory(target);
                CopyTree(entry.FullName, target);
            }
            else
            {
                File.Copy(entry.FullName, target);
            }
        }
    }
}
