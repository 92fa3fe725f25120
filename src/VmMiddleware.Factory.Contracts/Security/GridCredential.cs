using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.X509;

namespace VmMiddleware.Factory.Contracts.Security;

/// <summary>A grid credential: a certificate chain (a proxy and the certificates it chains to, or an end-entity certificate) and the leaf's private key.</summary>
public sealed class GridCredential
{
    private GridCredential(IReadOnlyList<X509Certificate> chain, AsymmetricKeyParameter privateKey)
    {
        Chain = chain;
        PrivateKey = privateKey;
    }

    /// <summary>Gets the certificates, leaf first.</summary>
    public IReadOnlyList<X509Certificate> Chain { get; }

    /// <summary>Gets the leaf's private key.</summary>
    public AsymmetricKeyParameter PrivateKey { get; }

    /// <summary>Gets the leaf's subject in one-line form.</summary>
    public string Subject => GridSubject.OneLine(Chain[0].SubjectDN);

    /// <summary>Loads a credential: a proxy file as <c>grid-proxy-init</c> writes it (certificate, key, then the chain), or a certificate file and a separate key file.</summary>
    /// <param name="certificatePath">The PEM file holding the leaf certificate first (and, for a proxy, its key and chain).</param>
    /// <param name="keyPath">The PEM key file, or null when the key is in <paramref name="certificatePath"/>.</param>
    /// <exception cref="InvalidDataException">A file is missing, unreadable, encrypted or holds no certificate or key; the message names it.</exception>
    public static GridCredential Load(string certificatePath, string? keyPath = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(certificatePath);
        var certificates = new List<X509Certificate>();
        AsymmetricKeyParameter? key = null;
        foreach (var path in keyPath is null || keyPath == certificatePath ? new[] { certificatePath } : [certificatePath, keyPath])
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InvalidDataException($"{path}: cannot read the credential: {e.Message}", e);
            }

            using var reader = new PemReader(new StringReader(text));
            while (true)
            {
                object? item;
                try
                {
                    item = reader.ReadObject();
                }
                catch (Exception e) when (e is IOException or PemException or InvalidCastException)
                {
                    throw new InvalidDataException($"{path}: not a PEM credential (or an encrypted key, which is not supported: run grid-proxy-init): {e.Message}", e);
                }

                if (item is null)
                {
                    break;
                }

                switch (item)
                {
                    case X509Certificate certificate:
                        certificates.Add(certificate);
                        break;
                    case AsymmetricCipherKeyPair pair:
                        key ??= pair.Private;
                        break;
                    case AsymmetricKeyParameter { IsPrivate: true } privateKey:
                        key ??= privateKey;
                        break;
                    default:
                        break;
                }
            }
        }

        return certificates.Count == 0 ? throw new InvalidDataException($"{certificatePath}: holds no certificate")
            : key is null ? throw new InvalidDataException($"{keyPath ?? certificatePath}: holds no private key")
            : new GridCredential(certificates, key);
    }
}
