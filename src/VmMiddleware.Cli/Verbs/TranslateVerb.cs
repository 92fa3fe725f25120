using System.CommandLine;
using VmMiddleware.Cli.Settings;
using VmMiddleware.Submit;
using VmMiddleware.Translation.Input;
using VmMiddleware.Translation.Staging;

namespace VmMiddleware.Cli.Verbs;

/// <summary><c>vmgrid translate INPUT --to condor|dag|rsl [-o DIR]</c>: writes the job description and everything the job ships into a new directory.</summary>
internal static class TranslateVerb
{
    public static Command Create(VmgridSettings settings)
    {
        var input = new Argument<FileInfo>("INPUT") { Description = "A work-unit XML file, a workflow XML file or an HTCondor submit file (.sub, .submit, .cmd, or detected)." };
        var to = ToOption(["condor", "dag", "rsl"], "The job form: an HTCondor vanilla-universe job, a DAGMan DAG (workflows), or a GRAM5 RSL request.");
        var output = new Option<DirectoryInfo?>("--output", "-o") { Description = "The new directory to write (default: INPUT's stem and the form, such as hello-condor, in the current directory)." };
        var (launcher, bundle, guest) = ArtifactOptions();
        var factory = FactoryOption();
        var stageUrl = new Option<string?>("--stage-url") { Description = "RSL only: stage from and to this URL base (gsiftp://, https://) instead of through globusrun's GASS server from the output directory." };
        var command = new Command("translate", "Translate a work unit, workflow or submit file into an HTCondor job, a DAGMan DAG or a GRAM5 RSL request, with the work unit, image, inputs, launcher, QEMU bundle and guest it ships.")
        {
            input, to, output, launcher, bundle, guest, stageUrl, factory,
        };
        command.SetAction(async (parse, token) =>
        {
            var form = parse.GetValue(to)!;
            var job = ReadInput(parse.GetValue(input)!.ToString(), settings);
            var directory = parse.GetValue(output)?.FullName ?? Path.Combine(Environment.CurrentDirectory, job.Stem + "-" + form);
            var artifacts = Artifacts(settings, parse.GetValue(launcher), parse.GetValue(bundle), parse.GetValue(guest));
            using var content = ConnectFactory(parse.GetValue(factory) ?? settings.Factory, form, settings);
            var description = await JobWriter.WriteAsync(job, form, directory, artifacts, parse.GetValue(stageUrl), content, Progress, token).ConfigureAwait(false);
            Console.Out.WriteLine(description);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Reads the job translate and submit take; a submit file's $ENV(NAME) reads the settings' environment, and the library's one-line refusal is a user error with the same text.</summary>
    internal static JobInput ReadInput(string path, VmgridSettings settings)
    {
        try
        {
            return JobInput.Read(path, new SubmitOptions { Environment = settings.Environment });
        }
        catch (JobStagingException e)
        {
            throw new UserErrorException(e.Message, e);
        }
    }

    /// <summary>Returns what a job ships besides its work unit: --launcher (or this vmgrid when it is a single-file publish), --qemu-bundle, --guest, else as vmgrid run finds them.</summary>
    /// <exception cref="UserErrorException">--launcher or --qemu-bundle names a file that does not exist.</exception>
    internal static ShippedArtifacts Artifacts(VmgridSettings settings, FileInfo? launcher, FileInfo? bundle, DirectoryInfo? guest)
    {
        string? launcherPath = launcher?.FullName;
        // A single-file publish is the process itself, with no vmgrid.dll beside it (dotnet vmgrid.dll runs as dotnet).
        if (launcherPath is null && Environment.ProcessPath is { } self && Path.GetFileName(self) == "vmgrid"
            && !File.Exists(Path.Combine(AppContext.BaseDirectory, "vmgrid.dll")))
        {
            launcherPath = self;
        }

        foreach (var (path, option) in new[] { (launcher?.FullName, "--launcher"), (bundle?.FullName, "--qemu-bundle") })
        {
            if (path is not null && !File.Exists(path))
            {
                throw new UserErrorException($"{option} {path}: the file does not exist");
            }
        }

        return new ShippedArtifacts
        {
            Launcher = launcherPath,
            Bundle = bundle?.FullName,
            GuestDirectory = guest?.FullName,
            GuestLocator = settings.GuestLocator(Console.Error.WriteLine),
            Runner = settings.Runner,
            SearchPath = settings.SearchPath,
        };
    }

    internal static Option<string> ToOption(string[] forms, string description)
    {
        var option = new Option<string>("--to") { Description = description, Required = true };
        option.AcceptOnlyFromAmong(forms);
        return option;
    }

    /// <summary>The --factory option translate and submit share.</summary>
    internal static Option<string?> FactoryOption() => new("--factory")
    {
        Description = $"condor and dag: a factory service (https://HOST:PORT; default ${VmgridSettings.FactoryVariable}) whose held images the job names as vmimage:// URLs for the execute hosts' vmimage plugin instead of shipping them. The grid credential and CA directory are found as for build --factory.",
    };

    /// <summary>Returns the client of <paramref name="factory"/> for a condor or dag job, or null when no factory is configured.</summary>
    /// <exception cref="UserErrorException">A factory is given for another form, or its URL or the credential is unusable.</exception>
    internal static FactoryContentClient? ConnectFactory(string? factory, string form, VmgridSettings settings) => factory switch
    {
        null => null,
        _ when form is "condor" or "dag" => FactoryClients.Content(factory, settings),
        _ => throw new UserErrorException($"--factory applies to HTCondor jobs (--to condor or dag), not --to {form}; unset ${VmgridSettings.FactoryVariable} or drop --factory"),
    };

    internal static (Option<FileInfo?> Launcher, Option<FileInfo?> Bundle, Option<DirectoryInfo?> Guest) ArtifactOptions() => (
        new Option<FileInfo?>("--launcher") { Description = "The self-contained vmgrid to ship (default: this vmgrid when it is a single-file publish)." },
        new Option<FileInfo?>("--qemu-bundle") { Description = "A QEMU bundle (vmgrid bundle qemu) to ship (default: pack this host's QEMU)." },
        new Option<DirectoryInfo?>("--guest") { Description = "The reference guest directory to ship (default: as vmgrid run finds it)." });

    internal static void Progress(string line) => Console.Error.WriteLine("vmgrid: " + line);
}
