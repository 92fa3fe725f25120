using System.Diagnostics;
using VmMiddleware.Host.Processes;

namespace VmMiddleware.Integration.Tests.Factory;

/// <summary>
/// A throwaway grid PKI made with openssl, Globus's grid-proxy-init and voms-proxy-fake: a CA in a hashed trust directory (with a signing
/// policy and a CRL), a host certificate for 127.0.0.1, mapped and unmapped users, an expired and a revoked user, a user of a CA that is
/// not trusted, a mapped user the trusted CA signed outside its signing policy, a grid-proxy-init proxy, a proxy whose chain is broken,
/// and a proxy carrying a VOMS attribute certificate signed by a throwaway VOMS server certificate.
/// </summary>
internal sealed class FactoryPki
{
    private const string Organisation = "/C=XX/O=VmMiddleware Test";

    private FactoryPki(string directory) => Directory = directory;

    public string Directory { get; }

    public string TrustDirectory => Path.Combine(Directory, "certificates");

    public string GridMapfile => Path.Combine(Directory, "grid-mapfile");

    public string HostCertificate => Path.Combine(Directory, "host.pem");

    public string HostKey => Path.Combine(Directory, "host.key");

    public string CaCertificate => Path.Combine(Directory, "ca", "ca.pem");

    /// <summary>alice's grid-proxy-init proxy (mapped to account alice).</summary>
    public string AliceProxy => Path.Combine(Directory, "alice.proxy");

    /// <summary>alice's RFC 3820 proxy with a VOMS attribute certificate (VO <see cref="Vo"/>) in its non-critical extension, as voms-proxy-init makes it; made by voms-proxy-fake.</summary>
    public string AliceVomsProxy => Path.Combine(Directory, "alice.voms.proxy");

    /// <summary>The VO of <see cref="AliceVomsProxy"/>'s attribute certificate.</summary>
    public const string Vo = "vmgrid.test";

    /// <summary>alice's proxy with the end-entity certificate left out: the chain is broken.</summary>
    public string BrokenProxy => Path.Combine(Directory, "broken.proxy");

    /// <summary>The subject of oscar, whom the trusted CA signed although its signing policy allows only the test organisation.</summary>
    public const string OutsiderSubject = "/C=XX/O=Elsewhere/CN=oscar";

    public static string Subject(string name) => $"{Organisation}/OU=People/CN={name}";

    /// <summary>The user's certificate file (certificate and key in one PEM file, as curl and zeep take it).</summary>
    public string User(string name) => Path.Combine(Directory, name + ".pem");

    public static FactoryPki Create(string directory)
    {
        foreach (var tool in new[] { "openssl", "grid-proxy-init", "voms-proxy-fake" })
        {
            RequiredTool.Find(tool);
        }

        var pki = new FactoryPki(directory);
        System.IO.Directory.CreateDirectory(pki.TrustDirectory);
        var hash = pki.MakeCa("ca", "VmMiddleware Test CA");
        File.Copy(pki.CaCertificate, Path.Combine(pki.TrustDirectory, hash + ".0"));
        File.WriteAllText(Path.Combine(pki.TrustDirectory, hash + ".signing_policy"),
            $"access_id_CA X509 '{Organisation}/CN=VmMiddleware Test CA'\npos_rights globus CA:sign\ncond_subjects globus '\"{Organisation}/*\"'\n");
        pki.Issue("ca", "host", $"{Organisation}/CN=localhost", "host");
        File.Copy(Path.Combine(directory, "host.key.tmp"), pki.HostKey);
        foreach (var user in new[] { "alice", "bob", "carol", "frank", "erin" })
        {
            pki.Issue("ca", user, Subject(user), "user");
        }

        pki.Issue("ca", "dave", Subject("dave"), "user", expired: true);
        pki.Issue("ca", "oscar", OutsiderSubject, "user");
        pki.Openssl("ca", "-batch", "-config", pki.CaConfig("ca"), "-revoke", pki.User("erin"));
        pki.Openssl("ca", "-batch", "-config", pki.CaConfig("ca"), "-gencrl", "-crldays", "30", "-out", Path.Combine(pki.TrustDirectory, hash + ".r0"));
        pki.MakeCa("rogue", "VmMiddleware Rogue CA");
        pki.Issue("rogue", "mallory", Subject("mallory"), "user");

        // bob is left out on purpose: a valid certificate that is not mapped.
        File.WriteAllText(pki.GridMapfile, string.Concat(new[] { "alice", "carol", "frank", "dave", "erin", "mallory" }.Select(u => $"\"{Subject(u)}\" {u}\n")) + $"\"{OutsiderSubject}\" oscar\n");

        var proxy = pki.Run("grid-proxy-init", ["-q", "-cert", pki.User("alice"), "-key", pki.User("alice"), "-out", pki.AliceProxy]);
        Assert.AreEqual(0, proxy.ExitCode, "grid-proxy-init: " + proxy.StandardError + proxy.StandardOutput);
        // A VOMS server's certificate from the same CA signs the attribute certificate; no VOMS server runs (voms-proxy-fake signs it itself).
        pki.Issue("ca", "voms", $"{Organisation}/CN=voms.localhost", "host");
        var voms = pki.Run("voms-proxy-fake", ["-q", "-rfc", "-cert", pki.User("alice"), "-key", pki.User("alice"), "-hostcert", Path.Combine(directory, "voms.crt"),
            "-hostkey", Path.Combine(directory, "voms.key.tmp"), "-voms", Vo, "-fqan", $"/{Vo}/Role=NULL/Capability=NULL", "-uri", "voms.localhost:15000",
            "-certdir", pki.TrustDirectory, "-out", pki.AliceVomsProxy]);
        Assert.AreEqual(0, voms.ExitCode, "voms-proxy-fake: " + voms.StandardError + voms.StandardOutput);
        var text = File.ReadAllText(pki.AliceProxy);
        var last = text.LastIndexOf("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal);
        File.WriteAllText(pki.BrokenProxy, text[..last]);
        return pki;
    }

    /// <summary>Makes a self-signed CA with an openssl ca configuration and returns its subject hash.</summary>
    private string MakeCa(string name, string commonName)
    {
        var ca = System.IO.Directory.CreateDirectory(Path.Combine(Directory, name)).FullName;
        System.IO.Directory.CreateDirectory(Path.Combine(ca, "issued"));
        File.WriteAllText(Path.Combine(ca, "index.txt"), string.Empty);
        File.WriteAllText(Path.Combine(ca, "serial"), "1000\n");
        File.WriteAllText(Path.Combine(ca, "crlnumber"), "1000\n");
        File.WriteAllText(CaConfig(name), $"""
            [ca]
            default_ca = this
            [this]
            dir = {ca}
            database = $dir/index.txt
            serial = $dir/serial
            crlnumber = $dir/crlnumber
            new_certs_dir = $dir/issued
            certificate = $dir/ca.pem
            private_key = $dir/ca.key
            default_md = sha256
            default_days = 30
            default_crl_days = 30
            policy = anything
            unique_subject = no
            [anything]
            countryName = optional
            organizationName = optional
            organizationalUnitName = optional
            commonName = supplied
            [user]
            basicConstraints = critical, CA:false
            keyUsage = critical, digitalSignature, keyEncipherment
            extendedKeyUsage = clientAuth
            [host]
            basicConstraints = critical, CA:false
            keyUsage = critical, digitalSignature, keyEncipherment
            extendedKeyUsage = serverAuth, clientAuth
            subjectAltName = DNS:localhost, IP:127.0.0.1
            """);
        Openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", Path.Combine(ca, "ca.key"), "-out", Path.Combine(ca, "ca.pem"), "-days", "60",
            "-subj", $"{Organisation}/CN={commonName}", "-addext", "basicConstraints=critical,CA:true", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        return Openssl("x509", "-hash", "-noout", "-in", Path.Combine(ca, "ca.pem")).Trim();
    }

    private string CaConfig(string ca) => Path.Combine(Directory, ca, "ca.cnf");

    /// <summary>Issues a certificate; writes NAME.pem holding the certificate then the key (and NAME.key.tmp, the key alone).</summary>
    private void Issue(string ca, string name, string subject, string extensions, bool expired = false)
    {
        var key = Path.Combine(Directory, name + ".key.tmp");
        var csr = Path.Combine(Directory, name + ".csr");
        var cert = Path.Combine(Directory, name + ".crt");
        Openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", csr, "-subj", subject);
        string[] validity = expired ? ["-startdate", "20200101000000Z", "-enddate", "20200201000000Z"] : ["-days", "30"];
        Openssl(["ca", "-batch", "-notext", "-config", CaConfig(ca), "-extensions", extensions, "-in", csr, "-out", cert, .. validity]);
        File.WriteAllText(Path.Combine(Directory, name + ".pem"), File.ReadAllText(cert) + File.ReadAllText(key));
        File.SetUnixFileMode(Path.Combine(Directory, name + ".pem"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private string Openssl(params string[] args)
    {
        var result = Run("openssl", args);
        Assert.AreEqual(0, result.ExitCode, "openssl " + string.Join(' ', args) + ": " + result.StandardError);
        return result.StandardOutput;
    }

    private ProcessResult Run(string tool, IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo(RequiredTool.Find(tool)) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Globus and openssl keep their state here, never in the real home or /etc/grid-security.
        info.Environment["HOME"] = Directory;
        info.Environment["X509_CERT_DIR"] = TrustDirectory;
        info.Environment["TMPDIR"] = Directory;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return new ProcessResult(new ProcessCommand(tool, args), process.ExitCode, stdout.Result, stderr);
    }
}
