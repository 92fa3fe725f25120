using VmMiddleware.WorkUnits.Collections;

namespace VmMiddleware.WorkUnits.Tests.Collections;

[TestClass]
public sealed class ValueListTests
{
    [TestMethod]
    public void Equals_SameItemsSameOrder_IsTrue()
    {
        Assert.AreEqual(ValueList<string>.From(["a", "b"]), ValueList<string>.From(["a", "b"]));
        Assert.AreEqual(ValueList<string>.From(["a", "b"]).GetHashCode(), ValueList<string>.From(["a", "b"]).GetHashCode());
    }

    [TestMethod]
    public void Equals_DifferentOrder_IsFalse() =>
        Assert.AreNotEqual(ValueList<string>.From(["a", "b"]), ValueList<string>.From(["b", "a"]));

    [TestMethod]
    public void From_ValueList_ReturnsSameInstance()
    {
        var list = ValueList<int>.From([1, 2]);

        Assert.AreSame(list, ValueList<int>.From(list));
    }

    [TestMethod]
    public void FromNonNull_NullItem_ThrowsNamingTheArgument()
    {
        var error = Assert.ThrowsExactly<ArgumentNullException>(() => ValueList<string>.FromNonNull(["a", null!], "values"));

        Assert.AreEqual("values", error.ParamName);
        Assert.HasCount(2, ValueList<string>.FromNonNull(["a", "b"], "values"));
    }
}
