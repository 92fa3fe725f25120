using System.Text;
using VmMiddleware.ClassAds;
using VmMiddleware.ClassAds.Printing;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.Plugins.Transfer;

/// <summary>Writes the plugin's -outfile: one new-syntax result ad per request, in request order.</summary>
/// <remarks>
/// HTCondor pre-allocates the output file so that a plugin whose disk filled up can still say so, and asks plugins not to truncate it; the
/// ads are therefore written over the start of the file in place (what is left of the pre-allocation after them is white space that the
/// starter's parser skips), not through a temporary file and a rename.
/// </remarks>
public static class TransferResultWriter
{
    /// <summary>The value of TransferProtocol.</summary>
    public const string Protocol = "vmimage";

    /// <summary>Returns the result ad of <paramref name="result"/>.</summary>
    public static ClassAd ToAd(TransferResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var ad = new ClassAd();
        ad.InsertValue("TransferUrl", Value.FromString(result.Request.Url));
        ad.InsertValue("TransferFileName", Value.FromString(result.Request.LocalFileName));
        ad.InsertValue("TransferSuccess", Value.FromBoolean(result.Success));
        ad.InsertValue("TransferProtocol", Value.FromString(Protocol));
        ad.InsertValue("TransferType", Value.FromString(result.Type));
        ad.InsertValue("TransferTotalBytes", Value.FromInteger(result.TotalBytes));
        ad.InsertValue("TransferFileBytes", Value.FromInteger(result.FileBytes));
        ad.InsertValue("TransferStartTime", Value.FromInteger(result.StartTime));
        ad.InsertValue("TransferEndTime", Value.FromInteger(result.EndTime));
        ad.InsertValue("ConnectionTimeSeconds", Value.FromReal(result.ConnectionTimeSeconds));
        var developer = new ClassAd();
        foreach (var (name, value) in result.DeveloperData)
        {
            developer.InsertValue(name, Value.FromInteger(value));
        }

        ad.InsertValue("DeveloperData", Value.FromClassAd(developer));
        if (!result.Success)
        {
            ad.InsertValue("TransferError", Value.FromString(result.Error ?? "the transfer failed"));
            ad.InsertValue("TransferErrorData", Value.FromList(ClassAdList.FromValues(result.ErrorData.Select(e => Value.FromClassAd(ToAd(e))))));
        }

        return ad;
    }

    /// <summary>Returns one TransferErrorData element.</summary>
    public static ClassAd ToAd(TransferErrorData error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var ad = new ClassAd();
        ad.InsertValue("ErrorType", Value.FromString(error.ErrorType));
        ad.InsertValue("ErrorCode", Value.FromInteger(error.ErrorCode));
        ad.InsertValue("ErrorString", Value.FromString(error.ErrorString));
        ad.InsertValue("Retryable", Value.FromInteger(error.Retryable));
        if (error.FailedServer is { } server)
        {
            ad.InsertValue("FailedServer", Value.FromString(server));
        }

        if (error.FailedName is { } name)
        {
            ad.InsertValue("FailedName", Value.FromString(name));
        }

        if (error.FailureType is { } type)
        {
            ad.InsertValue("FailureType", Value.FromString(type));
        }

        if (error.PluginLaunched is { } launched)
        {
            ad.InsertValue("PluginLaunched", Value.FromBoolean(launched));
        }

        if (error.PluginVersion is { } version)
        {
            ad.InsertValue("PluginVersion", Value.FromString(version));
        }

        if (error.ShouldRefresh is { } refresh)
        {
            ad.InsertValue("ShouldRefresh", Value.FromBoolean(refresh));
        }

        return ad;
    }

    /// <summary>Returns the text of the output file: each result ad on its own line.</summary>
    public static string Format(IEnumerable<TransferResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var text = new StringBuilder();
        foreach (var result in results)
        {
            text.Append(Unparser.Unparse(ToAd(result))).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Writes <paramref name="results"/> over the start of <paramref name="path"/> (created if missing, never truncated first), then fsyncs it.</summary>
    public static void Write(string path, IEnumerable<TransferResult> results)
    {
        var bytes = Encoding.UTF8.GetBytes(Format(results));
        using var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
        var old = file.Length;
        file.Write(bytes);
        if (old > bytes.Length)
        {
            // What remains of the pre-allocation (or of an older, longer answer) becomes blank lines, not a stray half ad.
            var blank = new byte[old - bytes.Length];
            Array.Fill(blank, (byte)' ');
            blank[^1] = (byte)'\n';
            file.Write(blank);
        }

        file.Flush(flushToDisk: true);
    }
}
