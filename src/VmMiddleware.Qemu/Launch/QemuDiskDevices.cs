using System.Globalization;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Qemu.Launch;

/// <summary>Adds the -device of each disk: a virtio disk found by serial, or the bus and position the device name of a VM-universe job asks for.</summary>
/// <remarks>
/// vdX and xvdX are virtio-blk disks (Linux names them in PCI order, so the launcher lists them in device order); hda-hdd are
/// the i440fx board's two IDE buses (ide.0 and ide.1, units 0 and 1); sdX are SCSI disks on one virtio-scsi controller,
/// at target X. An .iso file on IDE or SCSI is a CD-ROM, as HTCondor's vm-gahp attaches it. A partition number in the
/// device name (sda2) is ignored: QEMU attaches whole disks.
/// </remarks>
internal sealed class QemuDiskDevices(List<string> args)
{
    private const string ScsiController = "vmgrid-scsi";
    private bool _scsiAdded;

    public void Add(VmDisk disk)
    {
        var boot = disk.BootIndex is { } index ? ",bootindex=" + index.ToString(CultureInfo.InvariantCulture) : string.Empty;
        if (disk.Device is not { } device)
        {
            args.AddRange(["-device", $"virtio-blk-pci,drive={disk.Id},serial={QemuCommandLine.Escape(disk.Serial)}{boot}"]);
            return;
        }

        var position = DiskDevices.Index(device);
        switch (DiskDevices.QemuBus(device))
        {
            case "ide":
                var kind = disk.CdRom ? "ide-cd" : "ide-hd";
                args.AddRange(["-device", string.Create(CultureInfo.InvariantCulture, $"{kind},drive={disk.Id},bus=ide.{position / 2},unit={position % 2}{boot}")]);
                break;
            case "scsi":
                if (!_scsiAdded)
                {
                    args.AddRange(["-device", "virtio-scsi-pci,id=" + ScsiController]);
                    _scsiAdded = true;
                }

                var scsi = disk.CdRom ? "scsi-cd" : "scsi-hd";
                args.AddRange(["-device", string.Create(CultureInfo.InvariantCulture, $"{scsi},drive={disk.Id},bus={ScsiController}.0,channel=0,scsi-id={position},lun=0{boot}")]);
                break;
            default:
                args.AddRange(["-device", $"virtio-blk-pci,drive={disk.Id},serial={QemuCommandLine.Escape(disk.Serial)}{boot}"]);
                break;
        }
    }
}
