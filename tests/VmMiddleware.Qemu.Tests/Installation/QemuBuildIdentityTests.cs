using System.Security.Cryptography;
using VmMiddleware.Store.Verification;
using VmMiddleware.Qemu.Installation;

namespace VmMiddleware.Qemu.Tests.Installation;

[TestClass]
public sealed class QemuBuildIdentityTests
{
    [TestMethod]
    public void Of_FirstCall_HashesAndRemembersDigestWithStamp()
    {
        var dir = Directory.CreateTempSubdirectory("vmgrid-identity-").FullName;
        try
        {
            var binary = Path.Combine(dir, "qemu-system-x86_64");
            File.WriteAllText(binary, "build one");

            var digest = QemuBuildIdentity.Of(new QemuInstallation(binary, null, null, null, null), Path.Combine(dir, "cache"));

            Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData("build one"u8)), digest);
            var memo = Directory.GetFiles(Path.Combine(dir, "cache", "qemu-builds")).Single();
            Assert.AreEqual(digest, File.ReadAllLines(memo)[1]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void Of_MemoWithMatchingStamp_TakenWithoutHashing()
    {
        var dir = Directory.CreateTempSubdirectory("vmgrid-identity-").FullName;
        try
        {
            var binary = Path.Combine(dir, "qemu-memo");
            File.WriteAllText(binary, "build m");
            var cache = Path.Combine(dir, "cache");
            var memo = QemuBuildIdentity.MemoPath(binary, cache)!;
            Directory.CreateDirectory(Path.GetDirectoryName(memo)!);
            var remembered = new string('f', 64);
            File.WriteAllText(memo, QemuBuildIdentity.Line(FileStamp.Of(binary)) + "\n" + remembered + "\n");

            var digest = QemuBuildIdentity.Of(new QemuInstallation(binary, null, null, null, null), cache);

            Assert.AreEqual(remembered, digest, "the memo for this stamp is trusted; a rewritten binary gets a new stamp");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
