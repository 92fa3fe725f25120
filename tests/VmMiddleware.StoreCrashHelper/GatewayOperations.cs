using System.Globalization;
using VmMiddleware.Remote.Transfer;

namespace VmMiddleware.StoreCrashHelper;

/// <summary>The gateway's blob store: one <c>vmgrid job stage</c> of the uploads waiting in ROOT/partial.</summary>
internal static class GatewayOperations
{
    /// <summary>Runs <paramref name="operation"/> (stage) on the gateway root <paramref name="root"/>; <paramref name="spec"/> is "ID CAP HEX=PATH ...".</summary>
    public static async Task RunAsync(string operation, string root, string spec, Action<string>? hook)
    {
        if (operation != "stage")
        {
            throw new ArgumentException("unknown operation " + operation, nameof(operation));
        }

        var words = spec.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var options = GatewayStore.Options(root, TimeProvider.System) with { CrashPoint = hook };
        Program.Say("ready");
        var result = await GatewayStager.StageAsync(options, long.Parse(words[1], CultureInfo.InvariantCulture), words[0], [.. words.Skip(2).Select(StageFile.Parse)], CancellationToken.None);
        Program.Say("staged " + (result.Directory ?? "nothing"));
    }
}
