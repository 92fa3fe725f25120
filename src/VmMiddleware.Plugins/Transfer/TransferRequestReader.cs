using VmMiddleware.ClassAds;
using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.Plugins.Transfer;

/// <summary>
/// Reads the plugin's -infile: a sequence of new-syntax ads. Ads with Url and LocalFileName are requests; ads with neither (protocol 4's
/// job-wide ads) are skipped, and unknown attributes are ignored, as the protocol asks.
/// </summary>
public static class TransferRequestReader
{
    /// <summary>Parses <paramref name="text"/>, read from <paramref name="source"/>.</summary>
    /// <exception cref="ClassAdParseException">The text is not a sequence of ads, or an ad lacks one of Url and LocalFileName or has a non-string one; the message says where.</exception>
    public static IReadOnlyList<TransferRequest> Parse(string text, string source)
    {
        var ads = ClassAd.ParseNewSyntaxSequence(text, source);
        var requests = new List<TransferRequest>();
        for (var i = 0; i < ads.Count; i++)
        {
            var url = Text(ads[i], "Url");
            var local = Text(ads[i], "LocalFileName");
            if (url is null && local is null)
            {
                continue;
            }

            if (url is null || local is null)
            {
                throw new ClassAdParseException($"{source}: ad {i + 1} has {(url is null ? "LocalFileName but no string Url" : "Url but no string LocalFileName")}");
            }

            requests.Add(new TransferRequest(url, local));
        }

        return requests;
    }

    private static string? Text(ClassAd ad, string name)
    {
        if (!ad.Contains(name))
        {
            return null;
        }

        var value = ad.EvaluateAttribute(name);
        return value.Kind == ValueKind.String ? value.AsString : null;
    }
}
