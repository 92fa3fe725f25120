using VmMiddleware.WorkUnits.Collections;

namespace VmMiddleware.WorkUnits.Tests.Collections;

[TestClass]
public sealed class OrderedMapTests
{
    [TestMethod]
    public void From_Pairs_KeepsInsertionOrder()
    {
        var map = OrderedMap.From([new("z", "1"), new("a", "2"), new("m", "3")], StringComparer.Ordinal);

        CollectionAssert.AreEqual(new[] { "z", "a", "m" }, map.Keys.ToArray());
        Assert.AreEqual("2", map["a"]);
    }

    [TestMethod]
    public void From_DuplicateUnderComparer_Throws() =>
        Assert.ThrowsExactly<ArgumentException>(() => OrderedMap.From([new("a", "1"), new("A", "2")], StringComparer.OrdinalIgnoreCase));

    [TestMethod]
    public void Equals_SameEntriesSameOrder_IsTrue()
    {
        var one = OrderedMap.From([new("a", "1"), new("b", "2")], StringComparer.Ordinal);
        var two = OrderedMap.From([new("a", "1"), new("b", "2")], StringComparer.Ordinal);

        Assert.AreEqual(one, two);
        Assert.AreEqual(one.GetHashCode(), two.GetHashCode());
    }

    [TestMethod]
    public void Equals_DifferentValue_IsFalse() =>
        Assert.AreNotEqual(
            OrderedMap.From([new("a", "1")], StringComparer.Ordinal),
            OrderedMap.From([new("a", "2")], StringComparer.Ordinal));
}
