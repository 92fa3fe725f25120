using VmMiddleware.Cli.Settings;
using VmMiddleware.Cli.Tests.Verbs;
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

    [TestMethod]
    public void Factory_SetOrEmptyOrUnset_ReadsVmMiddlewareFactory()
    {
        Assert.AreEqual("https://f.example:8443", From(("VMMIDDLEWARE_FACTORY", "https://f.example:8443")).Factory);
        Assert.IsNull(From(("VMMIDDLEWARE_FACTORY", string.Empty)).Factory);
        Assert.IsNull(From().Factory);
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
    public void RunningFile_FromTheVariableTheGramAdapterSets()
    {
        Assert.AreEqual("/jobs/1/vm-running", From((VmgridSettings.RunningFileVariable, "/jobs/1/vm-running")).RunningFile);
        Assert.AreEqual("VMMIDDLEWARE_RUNNING_FILE", VmgridSettings.RunningFileVariable);
        Assert.IsNull(From(("HOME", "/home/u")).RunningFile);
        Assert.IsNull(From((VmgridSettings.RunningFileVariable, "")).RunningFile);
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
    public void CataloguePath_ExplicitThenXdgDataThenHome()
    {
        Assert.AreEqual("/home/u/.local/share/vmmiddleware/jobs.db", From(("HOME", "/home/u")).CataloguePath);
        Assert.AreEqual("/home/profile/.local/share/vmmiddleware/jobs.db", From(("HOME", string.Empty)).CataloguePath);
        Assert.AreEqual("/xdg/vmmiddleware/jobs.db", From(("HOME", "/home/u"), ("XDG_DATA_HOME", "/xdg")).CataloguePath);
        Assert.AreEqual("/explicit/jobs.db", From(("XDG_DATA_HOME", "/xdg"), ("VMMIDDLEWARE_CATALOGUE", "/explicit/jobs.db")).CataloguePath);
    }

    [TestMethod]
    public void FromEnvironment_GatewayAndGridVariables_ReadOnceIntoSettings()
    {
        var settings = From(
            ("HOME", "/home/u"), ("USER", "alice"), ("SSH_AUTH_SOCK", "/run/agent"), ("X509_USER_PROXY", "/tmp/x509up_u1"),
            ("X509_USER_CERT", "/c.pem"), ("X509_USER_KEY", "/k.pem"), ("X509_CERT_DIR", "/trust"));

        Assert.AreEqual("/home/u", settings.Home);
        Assert.AreEqual("alice", settings.UserName);
        Assert.AreEqual("/run/agent", settings.SshAgentSocket);
        Assert.AreEqual(new GridSettings("/tmp/x509up_u1", "/c.pem", "/k.pem", "/trust"), settings.Grid);
    }

    [TestMethod]
    public void FromEnvironment_NoUserOrAgent_SystemNameAndNoSocket()
    {
        var settings = VmgridSettings.FromEnvironment(new Dictionary<string, string> { ["USER"] = string.Empty }, "/home/profile", "system-name");

        Assert.AreEqual("system-name", settings.UserName);
        Assert.IsNull(settings.SshAgentSocket);
        Assert.IsNull(settings.Home);
        Assert.AreEqual(new GridSettings(null, null, null, null), settings.Grid);
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

    [TestMethod]
    public void RunAndBuild_QemuBundleVariableBroken_BothRefuseItTheSameWay()
    {
        var dir = Directory.CreateTempSubdirectory("vmgrid-locate-cli-");
        try
        {
            var bundle = Path.Combine(dir.FullName, "no-bundle");
            var guest = Directory.CreateDirectory(Path.Combine(dir.FullName, "guest")).FullName;
            foreach (var file in new[] { "vmlinux", "initramfs.cpio", "kernel.cmdline" })
            {
                File.WriteAllText(Path.Combine(guest, file), "console=ttyS0\n");
            }

            var environment = new Dictionary<string, string>
            {
                ["VMMIDDLEWARE_QEMU_BUNDLE"] = bundle,
                ["VMMIDDLEWARE_GUEST"] = guest,
                ["VMMIDDLEWARE_CACHE"] = Path.Combine(dir.FullName, "cache"),
            };
            File.WriteAllBytes(Path.Combine(dir.FullName, "disk.raw"), new byte[1 << 20]);
            var config = Path.Combine(dir.FullName, "ok.vmconfig.xml");
            File.WriteAllText(config, "<vmconfig xmlns=\"urn:vmmiddleware:vmconfig:1\" name=\"ok\"><actions><base id=\"b\" path=\"disk.raw\" format=\"raw\"/><hostname id=\"h\" name=\"node1\"/></actions></vmconfig>");
            var unit = Path.Combine(AppContext.BaseDirectory, "examples", "hello.workunit.xml");

            var (runExit, _, runErr) = VmgridProcessTests.Run($"run {unit} --work-dir {Path.Combine(dir.FullName, "work")}", environment: environment);
            var (buildExit, _, buildErr) = VmgridProcessTests.Run($"build {config} --store {Path.Combine(dir.FullName, "store")}", environment: environment);

            var refusal = $"vmgrid: $VMMIDDLEWARE_QEMU_BUNDLE {bundle}: ";
            Assert.AreEqual((1, 1), (runExit, buildExit), runErr + buildErr);
            StringAssert.StartsWith(runErr, refusal);
            StringAssert.StartsWith(buildErr.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1], refusal, "build's last line (after its progress)");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
