namespace VmMiddleware.Images.Tests.Dag;

[TestClass]
public sealed class NodeHasherTests
{
    [TestMethod]
    public void Hash_DocumentOrderChanged_SameHashes()
    {
        var a = TestDags.Hashed(TestDags.Xml([TestDags.Script("x"), TestDags.Script("y"), TestDags.Script("z")], ["x>z", "y>z"]));
        var b = TestDags.Hashed(TestDags.Xml([TestDags.Script("z"), TestDags.Script("y"), TestDags.Script("x")], ["y>z", "x>z"]));

        CollectionAssert.AreEquivalent(a.HashOf.ToList(), b.HashOf.ToList());
    }

    [TestMethod]
    public void Hash_RedundantEdge_SameHash()
    {
        var plain = TestDags.Hashed(TestDags.Xml([TestDags.Script("x"), TestDags.Script("y")], ["x>y"]));
        var redundant = TestDags.Hashed(TestDags.Xml([TestDags.Script("x"), TestDags.Script("y")], ["b0>x", "x>y", "b0>y"]));

        Assert.AreEqual(plain.HashOf["y"], redundant.HashOf["y"]);
    }

    [TestMethod]
    public void Hash_PredecessorChanged_ChangesSuccessorOnly()
    {
        var a = TestDags.Hashed(TestDags.Xml([TestDags.Script("x"), TestDags.Script("y"), TestDags.Script("w")], ["x>y"]));
        var b = TestDags.Hashed(TestDags.Xml(["<script id=\"x\">echo changed</script>", TestDags.Script("y"), TestDags.Script("w")], ["x>y"]));

        Assert.AreNotEqual(a.HashOf["x"], b.HashOf["x"]);
        Assert.AreNotEqual(a.HashOf["y"], b.HashOf["y"]);
        Assert.AreEqual(a.HashOf["w"], b.HashOf["w"]);
    }

    [TestMethod]
    public void Hash_IdRenamed_SameHash()
    {
        var a = TestDags.Hashed(TestDags.Xml(["<hostname id=\"h1\" name=\"node\"/>"], []));
        var b = TestDags.Hashed(TestDags.Xml(["<hostname id=\"other\" name=\"node\"/>"], []));

        Assert.AreEqual(a.HashOf["h1"], b.HashOf["other"]);
    }

    [TestMethod]
    public void Hash_CopiedContentChanged_ChangesHash()
    {
        var dir = Directory.CreateTempSubdirectory("vmconfig-hash-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "f.txt"), "one");
            var xml = TestDags.Xml([$"<copy id=\"c\" source=\"{dir.FullName}\" target=\"/opt\"/>"], []);
            var first = TestDags.Hashed(xml).HashOf["c"];
            File.WriteAllText(Path.Combine(dir.FullName, "f.txt"), "two");
            var second = TestDags.Hashed(xml).HashOf["c"];

            Assert.AreNotEqual(first, second);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
