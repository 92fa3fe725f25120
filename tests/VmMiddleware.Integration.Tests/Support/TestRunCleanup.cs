namespace VmMiddleware.Integration.Tests.Support;

/// <summary>Removes what the run-wide fixtures (bundle, published launcher, the VM executor tests' stores) left in the temporary directory.</summary>
[TestClass]
public static class TestRunCleanup
{
    [AssemblyCleanup]
    public static void Cleanup()
    {
        BuiltBundle.Cleanup();
        PublishedLauncher.Cleanup();
        Factory.FactoryRig.Cleanup();
        Images.VmFactory.Cleanup();
    }
}
