using VmMiddleware.Cli.Settings;
using VmMiddleware.Qemu.Installation;

namespace VmMiddleware.Cli.Tests.Settings;

[TestClass]
public sealed class VmgridSettingsTests
{
    private static VmgridSettings From(params (string Name, string Value)[] variables) =>
        VmgridSettings.FromEnvironment(variables.ToDictionary(v => v.Name, v => v.Value), "/home/profile");

    // Moved from LayerStoreTests.StoreLocation_Resolve_OptionThenEnvironmentThenCache: --store (FactoryOptions.Open) comes before these.
    [TestMethod]
    [DataRow("/x/env", null, "/x/env")]
    [DataRow(null, "/home/u", "/home/u/.cache/vmmiddleware/factory")]
    [DataRow(null, null, "/home/profile/.cache/vmmiddleware/factory")]
    public void StoreRoot_EnvironmentThenCache(string? store, string? home, string expected)
    {
        var variables = new List<(string, string)>();
        if (store is not null)
        {
            variables.Add(("VMMIDDLEWARE_STORE", store));
        }

        if (home is not null)
        {
            variables.Add(("HOME", home));
        }

        Assert.AreEqual(expected, From([.. variables]).StoreRoot);
    }

    // Moved from QemuPathsTests.CacheRoot_Default_EndsInVmMiddleware, with the other two sources of the cache root.
    [TestMethod]
    public void CacheRoot_ExplicitThenXdgThenHome()
    {
        StringAssert.EndsWith(From(("HOME", "/home/u")).CacheRoot, "vmmiddleware");
        Assert.AreEqual("/home/u/.cache/vmmiddleware", From(("HOME", "/home/u")).CacheRoot);
        Assert.AreEqual("/xdg/vmmiddleware", From(("HOME", "/home/u"), ("XDG_CACHE_HOME", "/xdg")).CacheRoot);
        Assert.AreEqual("/explicit", From(("XDG_CACHE_HOME", "/xdg"), ("VMMIDDLEWARE_CACHE", "/explicit")).CacheRoot);
    }

    [TestMethod]
    public void FromEnvironment_EmptyVariables_CountAsUnset()
    {
        var settings = From(("VMMIDDLEWARE_QEMU", string.Empty), ("VMMIDDLEWARE_GUEST", string.Empty), ("HOME", string.Empty));

        Assert.IsNull(settings.QemuBinary);
        Assert.IsNull(settings.GuestDirectory);
        Assert.AreEqual("/home/profile/.cache/vmmiddleware", settings.CacheRoot);
    }

    [TestMethod]
    public void QemuLocator_OptionBeforeVariable_SourceNamedForMessages()
    {
        var settings = From(("VMMIDDLEWARE_QEMU_BUNDLE", "/env/bundle"), ("VMMIDDLEWARE_QEMU", "/env/qemu"), ("PATH", "/a:/b"));

        var fromOption = settings.QemuLocator("/opt/bundle");
        var fromVariable = settings.QemuLocator(null);

        Assert.AreEqual(("/opt/bundle", "--qemu-bundle"), (fromOption.BundleDirectory, fromOption.BundleSource));
        Assert.AreEqual(("/env/bundle", "$VMMIDDLEWARE_QEMU_BUNDLE"), (fromVariable.BundleDirectory, fromVariable.BundleSource));
        Assert.AreEqual("/env/qemu", fromVariable.Binary);
        CollectionAssert.AreEqual(new[] { "/a", "/b" }, fromVariable.SearchPath.ToArray());
    }

    [TestMethod]
    public void ForcedAccelerator_KvmTcgOrUnset_AnythingElseIsAUserError()
    {
        Assert.IsNull(From().ForcedAccelerator());
        Assert.AreEqual(Accelerator.Kvm, From(("VMMIDDLEWARE_ACCEL", "KVM")).ForcedAccelerator()!.Accelerator);
        Assert.AreEqual("VMMIDDLEWARE_ACCEL=tcg", From(("VMMIDDLEWARE_ACCEL", "tcg")).ForcedAccelerator()!.Reason);

        var e = Assert.ThrowsExactly<UserErrorException>(() => From(("VMMIDDLEWARE_ACCEL", "xen")).ForcedAccelerator());

        Assert.AreEqual("VMMIDDLEWARE_ACCEL is 'xen'; expected kvm or tcg", e.Message);
    }
}
