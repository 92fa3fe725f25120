using VmMiddleware.Qemu.Machines;

namespace VmMiddleware.Qemu.Tests.Machines;

[TestClass]
public sealed class GuestMachineTests
{
    [TestMethod]
    public void WithInputBytes_Script_SetAfterShebang()
    {
        var script = GuestMachine.WithInputBytes("#!/bin/sh\necho hi\n", 10240);

        Assert.AreEqual("#!/bin/sh\nVMGRID_INPUT_BYTES=10240; export VMGRID_INPUT_BYTES\necho hi\n", script);
    }

    [TestMethod]
    public void WithInputBytes_OneLineScript_SetFirst()
    {
        Assert.AreEqual("VMGRID_INPUT_BYTES=0; export VMGRID_INPUT_BYTES\ntrue", GuestMachine.WithInputBytes("true", 0));
    }
}
