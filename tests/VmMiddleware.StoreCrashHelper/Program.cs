using System.Diagnostics;
using VmMiddleware.Host.DiskImages;
using VmMiddleware.Host.Processes;

namespace VmMiddleware.StoreCrashHelper;

/// <summary>Works on one configuration of the content store until it kills itself with SIGKILL at a chosen crash point, or until a test kills it at a random moment.</summary>
/// <remarks>
/// Usage: StoreCrashHelper factory|cache|gateway OPERATION STORE_DIR IMAGE [POINT [OCCURRENCE]] (for gateway: stage ROOT "ID CAP HEX=PATH ...").
/// OPERATION: insert-loop (commit or add forever; the test kills it), insert (one commit of a qcow2 layer on the top state, or one add of IMAGE),
/// evict (trim to nothing), recover (open the store, which recovers it). POINT is a crash point name (src/VmMiddleware.Store/Faults/CrashPoints.cs);
/// reaching it for the OCCURRENCE-th time (default 1) sends SIGKILL to this process, so no finally block, lock release or clean-up runs.
/// Prints "ready" once the store is open (recovery done, except for recover), "committed ID" or "added ID" after each insert of a loop, and "done"
/// when it finished without reaching the point.
/// </remarks>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var (configuration, operation, root, image) = (args[0], args[1], args[2], args[3]);
        var hook = KillAt(args.Length > 4 ? args[4] : null, args.Length > 5 ? int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture) : 1);
        var qemuImg = new QemuImg(ProcessRunner.Default, new QemuImgOptions("qemu-img"));
        switch (configuration)
        {
            case "factory":
                await FactoryOperations.RunAsync(operation, root, image, qemuImg, hook);
                break;
            case "cache":
                await CacheOperations.RunAsync(operation, root, image, qemuImg, hook);
                break;
            case "gateway":
                await GatewayOperations.RunAsync(operation, root, image, hook);
                break;
            default:
                Console.Error.WriteLine("unknown configuration " + configuration);
                return 2;
        }

        Console.Out.WriteLine("done");
        return 0;
    }

    /// <summary>Prints one line of progress at once (the test reads it while the helper works).</summary>
    public static void Say(string line)
    {
        Console.Out.WriteLine(line);
        Console.Out.Flush();
    }

    /// <summary>A crash-point hook that kills this process (SIGKILL) the <paramref name="occurrence"/>-th time <paramref name="point"/> is reached.</summary>
    private static Action<string>? KillAt(string? point, int occurrence)
    {
        if (point is null)
        {
            return null;
        }

        var seen = 0;
        return reached =>
        {
            if (reached == point && ++seen == occurrence)
            {
                Say("killing at " + reached);

                // Process.Kill sends SIGKILL, to this process as to any other.
                Process.GetCurrentProcess().Kill();
                Thread.Sleep(Timeout.Infinite);
            }
        };
    }
}
