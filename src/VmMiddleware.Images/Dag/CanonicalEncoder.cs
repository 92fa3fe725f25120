using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VmMiddleware.Images.Dag;

/// <summary>Builds an unambiguous byte encoding of named fields (length-prefixed) and hashes it with SHA-256.</summary>
internal sealed class CanonicalEncoder : IDisposable
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public CanonicalEncoder(string domain) => Field("domain", domain);

    public CanonicalEncoder Field(string name, string? value)
    {
        Append(name);
        Append(value ?? "\0null");
        return this;
    }

    public CanonicalEncoder Field(string name, long value) => Field(name, value.ToString(CultureInfo.InvariantCulture));

    public string ToHex() => Convert.ToHexStringLower(hash.GetHashAndReset());

    public void Dispose() => hash.Dispose();

    private void Append(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        hash.AppendData(Encoding.ASCII.GetBytes(bytes.Length.ToString(CultureInfo.InvariantCulture) + ":"));
        hash.AppendData(bytes);
    }
}
