using VmMiddleware.Remote.Catalogue;
using VmMiddleware.Remote.Gateways;

namespace VmMiddleware.Remote.Jobs;

/// <summary>What <see cref="JobLocation.Resolve"/> needs besides the catalogue: the catalogue's path (for the message), the current directory, a gateway named on the command line and how to reach a gateway.</summary>
/// <param name="CataloguePath">The catalogue's file, named when no job matches.</param>
/// <param name="CurrentDirectory">Where a job named only on a gateway gets its local directory.</param>
/// <param name="Gateway">The gateway the caller named (user@host[:port]), or null.</param>
/// <param name="ReadGateway">Returns the options for a gateway address and the trust a catalogue entry kept (null when none).</param>
public sealed record JobLocatorOptions(string CataloguePath, string CurrentDirectory, string? Gateway, Func<string, GatewayTrust?, GatewayOptions> ReadGateway);
