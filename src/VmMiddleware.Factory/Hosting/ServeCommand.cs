using VmMiddleware.Factory.Configuration;

namespace VmMiddleware.Factory.Hosting;

/// <summary>The command line of vmgrid-serve / <c>vmgrid serve</c>: <c>[--config FILE]</c>, <c>--check-config FILE</c>, <c>--help</c>.</summary>
public static class ServeCommand
{
    /// <summary>The configuration file read when no --config is given and it exists.</summary>
    public const string DefaultConfig = "/etc/vmmiddleware/factory.conf";

    private const string Usage = """
        Usage: vmgrid serve [--config FILE] [--log-level LEVEL]
               vmgrid serve --check-config FILE
        Runs the image factory as a SOAP web service (WSDL at https://HOST:PORT/factory?wsdl).
          --config FILE        the configuration (default /etc/vmmiddleware/factory.conf when it exists, else built-in defaults)
          --check-config FILE  check FILE and what it names (certificate, trust directory, grid-mapfile, data directory), then exit
          --log-level LEVEL    Trace, Debug, Information (default), Warning or Error
        """;

    /// <summary>Runs the command; returns the exit code (0, 1 for a user error with one line on <paramref name="error"/>, 2 internal).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        string? config = null;
        string? check = null;
        var level = LogLevel.Information;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h":
                    await output.WriteLineAsync(Usage).ConfigureAwait(false);
                    return 0;
                case "--config" when i + 1 < args.Length:
                    config = args[++i];
                    break;
                case "--check-config" when i + 1 < args.Length:
                    check = args[++i];
                    break;
                case "--log-level" when i + 1 < args.Length && Enum.TryParse<LogLevel>(args[i + 1], ignoreCase: true, out var parsed):
                    level = parsed;
                    i++;
                    break;
                default:
                    await error.WriteLineAsync($"vmgrid serve: unexpected argument '{args[i]}' (or a missing value); see vmgrid serve --help").ConfigureAwait(false);
                    return 1;
            }
        }

        try
        {
            if (check is not null)
            {
                await output.WriteLineAsync(ConfigurationCheck.Run(SettingsReader.Read(check), check)).ConfigureAwait(false);
                return 0;
            }

            var source = config ?? (File.Exists(DefaultConfig) ? DefaultConfig : null);
            var settings = source is null ? new ServiceSettings() : SettingsReader.Read(source);
            await using var app = await FactoryApplication.BuildAsync(settings, new FactoryHostOptions { LogLevel = level });
            await app.StartAsync().ConfigureAwait(false);
            if (!Microsoft.Extensions.Hosting.Systemd.SystemdHelpers.IsSystemdService())
            {
                // UseSystemd notifies only when systemd is the parent; a NOTIFY_SOCKET from elsewhere (a supervisor, a test) gets READY too.
                new Microsoft.Extensions.Hosting.Systemd.SystemdNotifier().Notify(new Microsoft.Extensions.Hosting.Systemd.ServiceState("READY=1"));
            }

            await output.WriteLineAsync("vmgrid serve: listening on " + FactoryApplication.ListeningUrl(app)).ConfigureAwait(false);
            await output.FlushAsync().ConfigureAwait(false);
            await app.WaitForShutdownAsync().ConfigureAwait(false);
            return 0;
        }
        catch (SettingsFormatException e)
        {
            await error.WriteLineAsync("vmgrid serve: " + e.Message).ConfigureAwait(false);
            return 1;
        }
        catch (InvalidDataException e)
        {
            await error.WriteLineAsync("vmgrid serve: " + e.Message).ConfigureAwait(false);
            return 1;
        }
        catch (IOException e)
        {
            await error.WriteLineAsync("vmgrid serve: " + e.Message).ConfigureAwait(false);
            return 1;
        }
    }
}
