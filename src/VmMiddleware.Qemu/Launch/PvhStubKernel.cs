using System.Buffers.Binary;

namespace VmMiddleware.Qemu.Launch;

/// <summary>
/// A 211-byte ELF kernel with a Xen PVH entry note (a hlt loop at 1 MiB) that QEMU accepts for -kernel. A VM restored from a
/// boot checkpoint never runs the kernel QEMU loads at start-up (the incoming state overwrites every page of guest RAM, and the
/// kernel, initramfs and command line live in ROM blobs and fw_cfg, which are not part of the migration stream), yet loading
/// the real 66 MB vmlinux and initramfs took 15-40 ms of every restore (measured at load 9-11 on 2 cores). Restores pass this instead.
/// </summary>
internal static class PvhStubKernel
{
    private const uint EntryAddress = 0x100000;
    private const uint PvhEntryNoteType = 18; // XEN_ELFNOTE_PHYS32_ENTRY

    /// <summary>Writes the stub to <paramref name="path"/>.</summary>
    public static void Write(string path) => File.WriteAllBytes(path, Bytes());

    internal static byte[] Bytes()
    {
        const int HeaderSize = 64;
        const int ProgramHeaderSize = 56;
        const int NoteOffset = HeaderSize + (2 * ProgramHeaderSize);
        const int NoteSize = 12 + 4 + 4;
        const int CodeOffset = (NoteOffset + NoteSize + 15) / 16 * 16;
        byte[] code = [0xF4, 0xEB, 0xFD]; // hlt; jmp back to hlt
        var elf = new byte[CodeOffset + code.Length];
        var span = elf.AsSpan();
        "\u007fELF"u8.CopyTo(span);
        span[4] = 2; // 64-bit
        span[5] = 1; // little endian
        span[6] = 1; // ELF version
        BinaryPrimitives.WriteUInt16LittleEndian(span[16..], 2); // executable
        BinaryPrimitives.WriteUInt16LittleEndian(span[18..], 0x3E); // x86-64
        BinaryPrimitives.WriteUInt32LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteUInt64LittleEndian(span[24..], EntryAddress);
        BinaryPrimitives.WriteUInt64LittleEndian(span[32..], HeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(span[52..], HeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(span[54..], ProgramHeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(span[56..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(span[58..], 64);
        ProgramHeader(span[HeaderSize..], type: 1, flags: 5, CodeOffset, EntryAddress, (ulong)code.Length, align: 0x1000);
        ProgramHeader(span[(HeaderSize + ProgramHeaderSize)..], type: 4, flags: 4, NoteOffset, 0, NoteSize, align: 4);
        var note = span[NoteOffset..];
        BinaryPrimitives.WriteUInt32LittleEndian(note, 4);
        BinaryPrimitives.WriteUInt32LittleEndian(note[4..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(note[8..], PvhEntryNoteType);
        "Xen\0"u8.CopyTo(note[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(note[16..], EntryAddress);
        code.CopyTo(span[CodeOffset..]);
        return elf;
    }

    private static void ProgramHeader(Span<byte> header, uint type, uint flags, ulong offset, ulong address, ulong size, ulong align)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(header, type);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], flags);
        BinaryPrimitives.WriteUInt64LittleEndian(header[8..], offset);
        BinaryPrimitives.WriteUInt64LittleEndian(header[16..], address);
        BinaryPrimitives.WriteUInt64LittleEndian(header[24..], address);
        BinaryPrimitives.WriteUInt64LittleEndian(header[32..], size);
        BinaryPrimitives.WriteUInt64LittleEndian(header[40..], size);
        BinaryPrimitives.WriteUInt64LittleEndian(header[48..], align);
    }
}
