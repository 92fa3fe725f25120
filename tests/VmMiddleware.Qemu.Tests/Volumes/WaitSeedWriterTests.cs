using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using VmMiddleware.Qemu.Volumes;

namespace VmMiddleware.Qemu.Tests.Volumes;

[TestClass]
public sealed class WaitSeedWriterTests
{
    private string _path = null!;

    [TestInitialize]
    public void Setup() => _path = Path.Combine(Path.GetTempPath(), "vmgrid-seedwait-" + Guid.NewGuid().ToString("N")[..8] + ".img");

    [TestCleanup]
    public void Cleanup() => File.Delete(_path);

    [TestMethod]
    public void Write_HeaderHoldsLengthChecksumAndTheHostClock_ScriptFromSectorOne()
    {
        const string script = "#!/bin/sh\necho hi\n";
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        WaitSeedWriter.Write(_path, script, 4 << 20);

        var bytes = File.ReadAllBytes(_path);
        Assert.HasCount(4 << 20, bytes);
        var line = Encoding.ASCII.GetString(bytes, 0, Array.IndexOf(bytes, (byte)'\n'));
        var fields = line.Split(' ');
        Assert.HasCount(4, fields);
        Assert.AreEqual("VMGRIDJOB1", fields[0]);
        Assert.AreEqual(script.Length.ToString(CultureInfo.InvariantCulture), fields[1]);
        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(script))), fields[2]);
        var epoch = long.Parse(fields[3], CultureInfo.InvariantCulture);
        Assert.IsTrue(epoch >= before && epoch <= DateTimeOffset.UtcNow.ToUnixTimeSeconds(), $"epoch {epoch} is not the host's clock");
        Assert.IsTrue(bytes.AsSpan(line.Length + 1, 512 - line.Length - 1).IndexOfAnyExcept((byte)0) < 0, "sector 0 is not NUL-padded");
        Assert.AreEqual(script, Encoding.UTF8.GetString(bytes, 512, script.Length));
    }

    [TestMethod]
    public void Write_ScriptLargerThanTheDisk_Throws()
    {
        var error = Assert.ThrowsExactly<IOException>(() => WaitSeedWriter.Write(_path, new string('x', 2000), 1024));
        StringAssert.Contains(error.Message, "2000 bytes");
    }
}
