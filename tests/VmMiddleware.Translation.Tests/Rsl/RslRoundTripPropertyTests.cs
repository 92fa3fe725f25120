using CsCheck;
using VmMiddleware.Translation.Rsl;

namespace VmMiddleware.Translation.Tests.Rsl;

[TestClass]
public sealed class RslRoundTripPropertyTests
{
    // Letters RSL treats specially, quotes, white space and a little Unicode, so quoting is exercised.
    private static readonly Gen<string> Text = Gen.String[Gen.Char["ab Z09\"'^#$()=<>!~*?&|+\n\t_-/é"], 0, 12];

    private static readonly Gen<string> Name = Gen.String[Gen.Char["abcXYZ_09 .-\""], 1, 8];

    private static readonly Gen<RslValue> Simple = Gen.OneOf(
        Text.Select(RslValue.Literal),
        Name.Select(RslValue.Variable));

    private static Gen<RslValue> ValueOf(int depth) => depth == 0
        ? Simple
        : Gen.OneOf(
            Simple,
            Simple.Array[2, 4].Select(parts => RslValue.Concatenation(parts)),
            ValueOf(depth - 1).Array[1, 3].Select(items => RslValue.Sequence(items)));

    private static readonly Gen<RslRelation> Relation =
        Gen.Select(Name, ValueOf(2).Array[1, 4], (name, values) => new RslRelation(name, values));

    [TestMethod]
    public void ParseOfWrite_AnyRequest_GivesTheSameRequest()
    {
        Relation.Array[1, 6].Select(relations => new RslRequest(relations)).Sample(
            request => RslParser.Parse(RslWriter.Write(request)).Equals(request),
            iter: 2000);
    }
}
