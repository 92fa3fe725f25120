using System.Security.Cryptography;
using System.ServiceModel;
using VmMiddleware.Factory.Contracts.Messages;
using VmMiddleware.Factory.Contracts.Security;
using VmMiddleware.Factory.Contracts.Service;
using VmMiddleware.Factory.Contracts.Transport;

namespace FactoryClient;

/// <summary>
/// factory-client URL CONFIG OUTPUT [--proxy FILE] [--trust DIR] [--format FORMAT]: submits CONFIG (and every file beside it) to the
/// factory service with plain WCF, waits for the ticket, downloads the image to OUTPUT and checks its SHA-256. Prints the image id.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length < 3)
        {
            Console.Error.WriteLine("usage: factory-client URL CONFIG OUTPUT [--proxy FILE] [--trust DIR] [--format FORMAT]");
            return 1;
        }

        var options = args.Skip(3).Chunk(2).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        var proxy = options.GetValueOrDefault("--proxy") ?? Environment.GetEnvironmentVariable("X509_USER_PROXY") ?? throw new ArgumentException("give --proxy FILE or set X509_USER_PROXY");
        var trust = new TrustDirectory(options.GetValueOrDefault("--trust") ?? Environment.GetEnvironmentVariable("X509_CERT_DIR") ?? "/etc/grid-security/certificates");
        var format = options.GetValueOrDefault("--format") ?? "qcow2";
        try
        {
            using var handler = new GsiHttpHandler(GridCredential.Load(proxy), trust);
            var factory = Connect(new Uri(args[0]), handler);
            var service = factory.CreateChannel();

            var config = Path.GetFullPath(args[1]);
            var directory = Path.GetDirectoryName(config)!;
            var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
                .Where(f => f != config && !Path.GetFileName(f).EndsWith(".vmconfig.xml", StringComparison.Ordinal))
                .Select(f => new RequestFile { Path = Path.GetRelativePath(directory, f), Content = File.ReadAllBytes(f) })
                .ToList();
            var ticket = await service.SubmitBuildAsync(new SubmitBuildRequest { Configuration = await File.ReadAllTextAsync(config), Format = format, Files = files });
            Console.Error.WriteLine($"ticket {ticket.TicketId}: {ticket.State}");
            while (!TicketStates.IsFinal(ticket.State))
            {
                ticket = await service.WaitTicketAsync(ticket.TicketId, 10);
                Console.Error.WriteLine($"ticket {ticket.TicketId}: {ticket.State} {ticket.Phase} {ticket.ActionNumber}/{ticket.ActionCount}");
            }

            if (ticket.State != TicketStates.Succeeded)
            {
                Console.Error.WriteLine("build failed: " + ticket.Error);
                return 1;
            }

            var download = await service.GetDownloadAsync(ticket.ImageId!, format);
            using var http = new HttpClient(handler, disposeHandler: false);
            await using (var body = await http.GetStreamAsync(new Uri(download.Url)))
            await using (var file = File.Create(args[2]))
            {
                await body.CopyToAsync(file);
            }

            await using var check = File.OpenRead(args[2]);
            var sum = Convert.ToHexStringLower(await SHA256.HashDataAsync(check));
            if (sum != download.Sha256)
            {
                Console.Error.WriteLine($"checksum mismatch: got {sum}, expected {download.Sha256}");
                return 1;
            }

            ((ICommunicationObject)service).Close();
            Console.WriteLine($"{download.ImageId} {download.Format} {download.SizeBytes} {download.Sha256}");
            return 0;
        }
        catch (FaultException e)
        {
            Console.Error.WriteLine($"the factory refused ({e.Code.Name}): {e.Message}");
            return 1;
        }
    }

    /// <summary>A WCF channel factory for the service at <paramref name="url"/>: BasicHttpBinding over HTTPS, the grid TLS through <paramref name="handler"/>.</summary>
    internal static ChannelFactory<IImageFactory> Connect(Uri url, GsiHttpHandler handler)
    {
        var binding = new BasicHttpBinding(BasicHttpSecurityMode.Transport) { MaxReceivedMessageSize = 64L << 20, SendTimeout = TimeSpan.FromMinutes(6), ReceiveTimeout = TimeSpan.FromMinutes(6) };
        binding.Security.Transport.ClientCredentialType = HttpClientCredentialType.None;
        var factory = new ChannelFactory<IImageFactory>(binding, new EndpointAddress(new Uri(url, FactoryNames.EndpointPath)));
        factory.Endpoint.EndpointBehaviors.Add(new GsiEndpointBehavior(handler));
        return factory;
    }
}
