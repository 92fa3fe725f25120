using VmMiddleware.ClassAds.Syntax;

namespace VmMiddleware.ClassAds.Printing;

/// <summary>The spelling of each operator as HTCondor's unparser prints it (sink.cpp opString: binary operators with surrounding spaces, unary ones with a space before).</summary>
internal static class OperatorText
{
    public static string Of(OpKind op) => op switch
    {
        OpKind.LessThan => " < ",
        OpKind.LessOrEqual => " <= ",
        OpKind.NotEqual => " != ",
        OpKind.Equal => " == ",
        OpKind.GreaterOrEqual => " >= ",
        OpKind.GreaterThan => " > ",
        OpKind.MetaEqual => " is ",
        OpKind.MetaNotEqual => " isnt ",
        OpKind.UnaryPlus => " +",
        OpKind.UnaryMinus => " -",
        OpKind.Add => " + ",
        OpKind.Subtract => " - ",
        OpKind.Multiply => " * ",
        OpKind.Divide => " / ",
        OpKind.Modulus => " % ",
        OpKind.LogicalNot => " !",
        OpKind.LogicalOr => " || ",
        OpKind.LogicalAnd => " && ",
        OpKind.BitwiseNot => " ~",
        OpKind.BitwiseOr => " | ",
        OpKind.BitwiseXor => " ^ ",
        OpKind.BitwiseAnd => " & ",
        OpKind.LeftShift => " << ",
        OpKind.RightShift => " >> ",
        OpKind.UnsignedRightShift => " >>> ",
        _ => " ? ",
    };
}
