using VmMiddleware.Qemu.Installation;

namespace VmMiddleware.Qemu.Tests.Installation;

/// <summary>The one order in which vmgrid run and vmgrid build find QEMU: named bundle, named binary, shipped bundle, search path.</summary>
[TestClass]
public sealed class QemuLocatorTests
{
    private string _dir = null!;

    [TestInitialize]
    public void Setup() => _dir = Directory.CreateTempSubdirectory("vmgrid-locator-").FullName;

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [TestMethod]
    public void Locate_OnlySearchPath_FindsTheEmulatorThere()
    {
        var bin = Emulator("bin");

        var qemu = QemuLocator.Locate(new QemuLocatorOptions { SearchPath = [Path.Combine(_dir, "empty"), bin] });

        Assert.AreEqual(Path.Combine(bin, QemuInstallation.EmulatorName), qemu.Binary);
        Assert.IsNull(qemu.Loader);
    }

    [TestMethod]
    public void Locate_NothingAnywhere_SaysItIsNotInstalled()
    {
        var e = Assert.ThrowsExactly<QemuNotFoundException>(() => QemuLocator.Locate(new QemuLocatorOptions { SearchPath = [_dir] }));

        StringAssert.StartsWith(e.Message, "qemu-system-x86_64 is not installed");
    }

    [TestMethod]
    public void Locate_BinaryNamed_BeatsShippedBundleAndSearchPath()
    {
        var named = Path.Combine(Emulator("named"), QemuInstallation.EmulatorName);
        var job = JobWithBrokenBundle();

        var qemu = QemuLocator.Locate(new QemuLocatorOptions { Binary = named, SearchPath = [Emulator("bin")] }, job, Path.Combine(_dir, "work"));

        Assert.AreEqual(named, qemu.Binary);
    }

    [TestMethod]
    public void Locate_BinaryNamedButMissing_NamesItsSource()
    {
        var options = new QemuLocatorOptions { Binary = Path.Combine(_dir, "nope"), SearchPath = [Emulator("bin")] };

        var e = Assert.ThrowsExactly<QemuNotFoundException>(() => QemuLocator.Locate(options));

        Assert.AreEqual($"VMMIDDLEWARE_QEMU names {Path.Combine(_dir, "nope")}, which does not exist.", e.Message);
    }

    [TestMethod]
    public void Locate_BundleNamed_BeatsTheBinary()
    {
        var options = new QemuLocatorOptions
        {
            BundleDirectory = Path.Combine(_dir, "not-a-bundle"),
            BundleSource = "--qemu-bundle",
            Binary = Path.Combine(Emulator("named"), QemuInstallation.EmulatorName),
        };
        Directory.CreateDirectory(options.BundleDirectory);

        var e = Assert.ThrowsExactly<QemuNotFoundException>(() => QemuLocator.Locate(options));

        StringAssert.StartsWith(e.Message, $"--qemu-bundle {options.BundleDirectory}: ");
        StringAssert.Contains(e.Message, "not a QEMU bundle");
    }

    [TestMethod]
    public void Locate_ShippedBundle_BeatsTheSearchPath()
    {
        var job = JobWithBrokenBundle();

        var e = Assert.ThrowsExactly<QemuNotFoundException>(() => QemuLocator.Locate(new QemuLocatorOptions { SearchPath = [Emulator("bin")] }, job, Path.Combine(_dir, "work")));

        Assert.IsInstanceOfType<InvalidDataException>(e.InnerException);
    }

    [TestMethod]
    public void Locate_NoJobDirectory_ShippedBundleNotLookedFor()
    {
        JobWithBrokenBundle();
        var bin = Emulator("bin");

        var qemu = QemuLocator.Locate(new QemuLocatorOptions { SearchPath = [bin] });

        Assert.AreEqual(Path.Combine(bin, QemuInstallation.EmulatorName), qemu.Binary);
    }

    [TestMethod]
    public void ImageToolOptions_SystemEmulatorWithoutSibling_QemuImgByName()
    {
        var qemu = new QemuInstallation(Path.Combine(Emulator("bin"), QemuInstallation.EmulatorName), null, null, null, null);

        Assert.AreEqual("qemu-img", qemu.ImageToolOptions().Program);
    }

    [TestMethod]
    public void ImageToolOptions_BundleWithSibling_RunThroughTheBundlesLoader()
    {
        var bin = Emulator("bundle/bin");
        File.WriteAllText(Path.Combine(bin, "qemu-img"), string.Empty);
        var qemu = new QemuInstallation(Path.Combine(bin, QemuInstallation.EmulatorName), "/b/lib/ld.so", "/b/lib", null, null);

        var options = qemu.ImageToolOptions();

        Assert.AreEqual((Path.Combine(bin, "qemu-img"), "/b/lib/ld.so", "/b/lib"), (options.Program, options.Loader, options.LibraryPath));
    }

    private string Emulator(string directory)
    {
        var bin = Directory.CreateDirectory(Path.Combine(_dir, directory)).FullName;
        File.WriteAllText(Path.Combine(bin, QemuInstallation.EmulatorName), string.Empty);
        return bin;
    }

    private string JobWithBrokenBundle()
    {
        var job = Directory.CreateDirectory(Path.Combine(_dir, "job")).FullName;
        File.WriteAllText(Path.Combine(job, JobDirectory.BundleFileName), "not a gzip archive");
        return job;
    }
}
