using System.Buffers.Binary;
using VmMiddleware.Qemu.Launch;

namespace VmMiddleware.Qemu.Tests.Launch;

[TestClass]
public sealed class PvhStubKernelTests
{
    [TestMethod]
    public void Bytes_Always_Elf64WithLoadSegmentAndXenPvhEntryNote()
    {
        var elf = PvhStubKernel.Bytes();

        CollectionAssert.AreEqual("\u007fELF"u8.ToArray(), elf[..4]);
        Assert.AreEqual(2, elf[4], "ELFCLASS64");
        Assert.AreEqual(0x3E, BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(18)), "x86-64");
        var phoff = (int)BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(32));
        var types = Enumerable.Range(0, BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(56)))
            .Select(i => BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan(phoff + (i * 56)))).ToArray();
        CollectionAssert.AreEqual(new uint[] { 1, 4 }, types, "PT_LOAD then PT_NOTE");
        var note = (int)BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(phoff + 56 + 8));
        Assert.AreEqual(18u, BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan(note + 8)), "XEN_ELFNOTE_PHYS32_ENTRY");
        CollectionAssert.AreEqual("Xen\0"u8.ToArray(), elf[(note + 12)..(note + 16)]);
        Assert.AreEqual(0x100000u, BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan(note + 16)));
        Assert.AreEqual(211, elf.Length);
    }
}
