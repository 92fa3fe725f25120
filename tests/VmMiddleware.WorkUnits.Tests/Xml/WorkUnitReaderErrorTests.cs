namespace VmMiddleware.WorkUnits.Tests.Xml;

[TestClass]
public sealed class WorkUnitReaderErrorTests
{
    private const string Open = "<workunit xmlns=\"urn:vmmiddleware:workunit:1\" name=\"t\">\n";
    private const string Image = "  <image kind=\"reference-guest\"/>\n";
    private const string Command = "  <command executable=\"/bin/true\"/>\n";
    private const string Close = "</workunit>\n";

    [TestMethod]
    [DataRow(
        Open + Image + "  <command executable=\"/bin/true\">\n" + Close,
        "test.workunit.xml(line 4, column 3): malformed XML: the 'command' start tag on line 3 position 4 does not match the end tag of 'workunit'",
        DisplayName = "malformed XML")]
    [DataRow(
        Open + Image + "  <gpu count=\"1\"/>\n" + Command + Close,
        "test.workunit.xml(line 3, column 4): element <gpu> is not allowed in <workunit>; expected one of: <disks>, <kernel>, <hardware>, <command>, <inputs>, <outputs>, <limits>, <checkpoint>, <network>, <diskReturn>, <condor>",
        DisplayName = "unknown element")]
    [DataRow(
        Open + Image + "  <hardware memory=\"12X\"/>\n" + Command + Close,
        "test.workunit.xml(line 3, column 13): attribute 'memory' of <hardware>: '12X' is not valid; expected a size such as 256M or 1G: a whole number with an optional binary suffix K, M, G or T (or B for bytes); plain numbers are MiB",
        DisplayName = "bad size literal")]
    [DataRow(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE workunit [<!ENTITY boom \"boom\">]>\n" + Open + Image + Command + Close,
        "test.workunit.xml(line 2, column 1): a document type declaration (<!DOCTYPE ...>) is not allowed; expected a work-unit file without a DTD",
        DisplayName = "DTD present")]
    [DataRow(
        Open + Image + Command + "  <outputs>\n    <file path=\"results/../../etc/passwd\"/>\n  </outputs>\n" + Close,
        "test.workunit.xml(line 5, column 11): attribute 'path' of <file>: 'results/../../etc/passwd' contains '..'; expected a relative path that stays inside the guest's output directory",
        DisplayName = "dot-dot in output path")]
    [DataRow(
        Open + "  <image kind=\"rootfs\" format=\"raw\"/>\n" + Command + Close,
        "test.workunit.xml(line 2, column 4): element <image>: kind 'rootfs' needs a location; expected one of the attributes path, ref or url",
        DisplayName = "missing location for rootfs")]
    [DataRow(
        Open + "  <image kind=\"disk\" path=\"d.img\" sha256=\"ABCDEF\"/>\n" + Command + Close,
        "test.workunit.xml(line 2, column 35): attribute 'sha256' of <image>: 'ABCDEF' is not valid; expected 64 lowercase hexadecimal digits",
        DisplayName = "bad sha256")]
    [DataRow(
        "",
        "test.workunit.xml(line 1, column 1): the document is empty; expected a <workunit> element",
        DisplayName = "empty document")]
    [DataRow(
        "<workunit xmlns=\"urn:other\" name=\"t\"/>",
        "test.workunit.xml(line 1, column 2): the root element is <workunit xmlns=\"urn:other\">; expected <workunit xmlns=\"urn:vmmiddleware:workunit:1\">",
        DisplayName = "wrong namespace")]
    [DataRow(
        Open + Image + Close,
        "test.workunit.xml(line 1, column 2): element <workunit>: a work unit without a command boots its own image and does its own work; it needs a bootable disk image",
        DisplayName = "missing command")]
    [DataRow(
        Open + "  <image kind=\"disk\" path=\"d.img\"/>\n  <inputs>\n    <file source=\"x.txt\"/>\n  </inputs>\n" + Close,
        "test.workunit.xml(line 1, column 2): element <workunit>: a work unit without a command has no input or output directory; its data comes and goes on its disks",
        DisplayName = "inputs without command")]
    [DataRow(
        Open + Image + "  <disks>\n    <disk path=\"d.img\" device=\"vdb\"/>\n  </disks>\n" + Command + Close,
        "test.workunit.xml(line 1, column 2): element <workunit>: only a bootable-disk work unit takes further disks",
        DisplayName = "disks on the reference guest")]
    [DataRow(
        Open + "  <image kind=\"disk\" path=\"d.img\" device=\"vda\"/>\n  <disks>\n    <disk path=\"e.img\" device=\"xvda\"/>\n  </disks>\n" + Close,
        "test.workunit.xml(line 1, column 2): element <workunit>: two disks are both device xvda (xvdX is given as vdX)",
        DisplayName = "one device twice")]
    [DataRow(
        Open + "  <image kind=\"disk\" path=\"d.img\" device=\"fd0\"/>\n" + Close,
        "test.workunit.xml(line 2, column 35): attribute 'device' of <image>: 'fd0' is not valid; expected a device name vdX (virtio), hdX (IDE), sdX (SCSI) or xvdX (Xen, given as virtio), optionally followed by a partition number",
        DisplayName = "unknown device")]
    [DataRow(
        Open + "  <image kind=\"rootfs\" path=\"d.img\" device=\"vda\"/>\n" + Command + Close,
        "test.workunit.xml(line 2, column 37): attribute 'device' of <image>: only kind 'disk' is attached as a device; expected no device or readOnly",
        DisplayName = "device on a root filesystem")]
    [DataRow(
        Open + "  <image kind=\"disk\" path=\"d.img\"/>\n  <network mode=\"user\" mac=\"01:00:5e:00:00:01\"/>\n" + Close,
        "test.workunit.xml(line 3, column 24): attribute 'mac' of <network>: '01:00:5e:00:00:01' is not valid; expected six hexadecimal pairs separated by ':' with an even first octet (a unicast address), such as 52:54:00:12:34:56",
        DisplayName = "multicast MAC")]
    [DataRow(
        "<workunit xmlns=\"urn:vmmiddleware:workunit:1\">\n" + Image + Command + Close,
        "test.workunit.xml(line 1, column 2): element <workunit> is missing the required attribute 'name'",
        DisplayName = "missing name")]
    [DataRow(
        Open + "  <image kind=\"reference-guest\" colour=\"blue\"/>\n" + Command + Close,
        "test.workunit.xml(line 2, column 33): attribute 'colour' is not allowed on <image>; expected one of: kind, path, ref, url, format, sha256, device, readOnly",
        DisplayName = "unknown attribute")]
    [DataRow(
        Open + "  <image kind=\"reference-guest\" path=\"x.img\"/>\n" + Command + Close,
        "test.workunit.xml(line 2, column 33): attribute 'path' of <image>: kind 'reference-guest' is the built-in guest; expected no path, ref, url, format or sha256",
        DisplayName = "reference guest with a path")]
    [DataRow(
        Open + "  <image kind=\"disk\" path=\"x.img\" url=\"vmimage://h/i\"/>\n" + Command + Close,
        "test.workunit.xml(line 2, column 35): attribute 'url' of <image>: the location is already given by 'path'; expected exactly one of path, ref or url",
        DisplayName = "two locations")]
    [DataRow(
        Open + "  <image kind=\"floppy\" path=\"x.img\"/>\n" + Command + Close,
        "test.workunit.xml(line 2, column 10): attribute 'kind' of <image>: 'floppy' is not valid; expected one of: reference-guest, rootfs, disk",
        DisplayName = "unknown image kind")]
    [DataRow(
        Open + Image + "  <hardware memory=\"1536K\"/>\n" + Command + Close,
        "test.workunit.xml(line 3, column 13): attribute 'memory' of <hardware>: '1536K' is not a whole number of MiB; expected a multiple of 1M",
        DisplayName = "memory not whole MiB")]
    [DataRow(
        Open + Image + "  <hardware disk=\"0G\"/>\n" + Command + Close,
        "test.workunit.xml(line 3, column 13): attribute 'disk' of <hardware>: '0G' is zero; expected a size greater than zero",
        DisplayName = "zero disk")]
    [DataRow(
        Open + Image + Command + "  <outputs><file path=\"/etc/passwd\"/></outputs>\n" + Close,
        "test.workunit.xml(line 4, column 18): attribute 'path' of <file>: '/etc/passwd' is absolute; expected a relative path that stays inside the guest's output directory",
        DisplayName = "absolute output path")]
    [DataRow(
        Open + Image + Command + "  <limits wallTime=\"10m\"/>\n" + Close,
        "test.workunit.xml(line 4, column 11): attribute 'wallTime' of <limits>: '10m' is not valid; expected an xs:duration such as PT10M, PT30S or P1DT2H",
        DisplayName = "bad duration")]
    [DataRow(
        Open + Image + Command + "  <limits wallTime=\"PT0S\"/>\n" + Close,
        "test.workunit.xml(line 4, column 11): attribute 'wallTime' of <limits>: 'PT0S' is not positive; expected a duration greater than zero",
        DisplayName = "zero duration")]
    [DataRow(
        Open + Image + "  <command executable=\"/bin/sh\"><env name=\"2X\" value=\"1\"/></command>\n" + Close,
        "test.workunit.xml(line 3, column 38): attribute 'name' of <env>: '2X' is not valid; expected letters, digits and '_', not starting with a digit",
        DisplayName = "bad environment name")]
    [DataRow(
        Open + Image + "  <command executable=\"/bin/sh\"><env name=\"X\" value=\"1\"/><env name=\"X\" value=\"2\"/></command>\n" + Close,
        "test.workunit.xml(line 3, column 63): attribute 'name' of <env>: 'X' is already set; expected each environment variable once",
        DisplayName = "duplicate environment variable")]
    [DataRow(
        Open + Image + Command + "  <inputs><file source=\"a.txt\" target=\"../a.txt\"/></inputs>\n" + Close,
        "test.workunit.xml(line 4, column 32): attribute 'target' of <file>: '../a.txt' contains '..'; expected a relative path that stays inside the guest's input directory",
        DisplayName = "input target escapes")]
    [DataRow(
        Open + Image + Command + "  <inputs><file source=\"a/x.txt\"/><file source=\"b/x.txt\"/></inputs>\n" + Close,
        "test.workunit.xml(line 4, column 36): element <file>: the target 'x.txt' is already used by another input; expected distinct targets",
        DisplayName = "duplicate input target")]
    [DataRow(
        Open + Image + Command + "  <condor><attribute name=\"A\">1</attribute><attribute name=\"a\">2</attribute></condor>\n" + Close,
        "test.workunit.xml(line 4, column 55): attribute 'name' of <attribute>: 'a' is already defined; expected each ClassAd attribute once (names ignore case)",
        DisplayName = "duplicate custom attribute")]
    [DataRow(
        Open + Image + Command + "  <condor><requirements>   </requirements></condor>\n" + Close,
        "test.workunit.xml(line 4, column 12): element <requirements> is empty; expected a ClassAd expression",
        DisplayName = "blank requirements")]
    [DataRow(
        Open + "  <image kind=\"disk\" ref=\"sha256:" + "0000000000000000000000000000000000000000000000000000000000000000" + "\" sha256=\"" + "1111111111111111111111111111111111111111111111111111111111111111" + "\"/>\n" + Command + Close,
        "test.workunit.xml(line 2, column 100): attribute 'sha256' of <image>: '1111111111111111111111111111111111111111111111111111111111111111' differs from the digest in ref; expected '0000000000000000000000000000000000000000000000000000000000000000' or no sha256",
        DisplayName = "sha256 differs from ref")]
    [DataRow(
        Open + Image + "  <command executable=\"/bin/true\" workingDirectory=\"work\"/>\n" + Close,
        "test.workunit.xml(line 3, column 35): attribute 'workingDirectory' of <command>: 'work' is relative; expected an absolute path inside the guest",
        DisplayName = "relative working directory")]
    [DataRow(
        Open + Image + Command + "  <network mode=\"bridge\"/>\n" + Close,
        "test.workunit.xml(line 4, column 12): attribute 'mode' of <network>: 'bridge' is not valid; expected one of: none, user",
        DisplayName = "unknown network mode")]
    [DataRow(
        Open + Image + Command + "  <checkpoint onEviction=\"yes\"/>\n" + Close,
        "test.workunit.xml(line 4, column 15): attribute 'onEviction' of <checkpoint>: 'yes' is not valid; expected true or false",
        DisplayName = "bad boolean")]
    public void Read_InvalidDocument_ThrowsWithPosition(string xml, string expected)
    {
        var exception = Assert.ThrowsExactly<WorkUnitFormatException>(() => WorkUnitReaderTests.Read(xml));

        Assert.AreEqual(expected, exception.Message);
        Assert.AreEqual("test.workunit.xml", exception.Source);
    }

    [TestMethod]
    public void Read_SchemaError_ExposesLineAndColumn()
    {
        var exception = Assert.ThrowsExactly<WorkUnitFormatException>(
            () => WorkUnitReaderTests.Read(Open + Image + "  <hardware vcpus=\"0\"/>\n" + Command + Close));

        Assert.AreEqual(3, exception.Line);
        Assert.AreEqual(13, exception.Column);
        Assert.AreEqual("attribute 'vcpus' of <hardware>: '0' is not valid; expected a whole number from 1 to 1024", exception.Detail);
    }

    [TestMethod]
    public void Read_FileWithInvalidUtf8_ThrowsWithLineAndColumn()
    {
        var directory = Directory.CreateTempSubdirectory("vmgrid-utf8-").FullName;
        try
        {
            var path = Path.Combine(directory, "bad.workunit.xml");
            File.WriteAllBytes(path, [.. System.Text.Encoding.UTF8.GetBytes(Open + Image), .. "  <command executable=\"/bin/"u8, 0xFF, 0xFE, .. "true\"/>\n"u8, .. System.Text.Encoding.UTF8.GetBytes(Close)]);

            var exception = Assert.ThrowsExactly<WorkUnitFormatException>(() => VmMiddleware.WorkUnits.Xml.WorkUnitReader.Read(path));

            Assert.AreEqual($"{path}(line 3, column 29): byte 0xFF is not valid UTF-8; expected UTF-8 text", exception.Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
