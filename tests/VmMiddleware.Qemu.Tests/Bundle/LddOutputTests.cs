using VmMiddleware.Qemu.Bundle;

namespace VmMiddleware.Qemu.Tests.Bundle;

[TestClass]
public sealed class LddOutputTests
{
    [TestMethod]
    public void Parse_TypicalOutput_ListsSonamesPathsAndLoaderWithoutVdso()
    {
        const string text = """
            	linux-vdso.so.1 (0x00007ffd5c9f2000)
            	libz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x00007f9a05b36000)
            	libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f9a047f1000)
            	/lib64/ld-linux-x86-64.so.2 (0x00007f9a06e13000)
            """;

        var ldd = LddOutput.Parse(text, "/usr/bin/qemu-img");

        CollectionAssert.AreEqual(
            new[] { ("libz.so.1", "/lib/x86_64-linux-gnu/libz.so.1"), ("libc.so.6", "/lib/x86_64-linux-gnu/libc.so.6") },
            ldd.Libraries.ToArray());
        Assert.AreEqual("/lib64/ld-linux-x86-64.so.2", ldd.Loader);
    }

    [TestMethod]
    public void Parse_LibraryNotFound_ThrowsNamingIt()
    {
        var e = Assert.ThrowsExactly<InvalidDataException>(() => LddOutput.Parse("\tlibfoo.so.1 => not found\n", "/usr/bin/qemu-img"));

        Assert.AreEqual("/usr/bin/qemu-img: ldd cannot find libfoo.so.1; install it before bundling", e.Message);
    }
}
