namespace VmMiddleware.Qemu.Installation;

/// <summary>Where a QEMU installation's parts are: the binary, and for a relocatable bundle its loader, libraries, modules and firmware.</summary>
/// <param name="Binary">The <c>qemu-system-x86_64</c> executable.</param>
/// <param name="Loader">The dynamic loader to run the binary through, or null to execute it directly.</param>
/// <param name="LibraryPath">The directory passed to the loader as <c>--library-path</c>, or null.</param>
/// <param name="ModuleDir">The value of <c>QEMU_MODULE_DIR</c> (TCG accelerator and other modules), or null.</param>
/// <param name="FirmwareDir">The directory passed as <c>-L</c> (BIOS and option ROMs), or null.</param>
public sealed record QemuInstallation(string Binary, string? Loader, string? LibraryPath, string? ModuleDir, string? FirmwareDir);
