namespace VmMiddleware.ClassAds.Functions;

/// <summary>The table of built-in functions by case-insensitive name, filled by one registration method per family.</summary>
internal static class FunctionTable
{
    private static readonly Dictionary<string, BuiltinFunction> Table = Build();

    public static BuiltinFunction? Find(string name) => Table.TryGetValue(name, out var f) ? f : null;

    public static IEnumerable<string> Names => Table.Keys;

    private static Dictionary<string, BuiltinFunction> Build()
    {
        var table = new Dictionary<string, BuiltinFunction>(StringComparer.OrdinalIgnoreCase);
        TypeFunctions.Register(table);
        ConversionFunctions.Register(table);
        MathFunctions.Register(table);
        StringFunctions.Register(table);
        SplitFunctions.Register(table);
        VersionFunctions.Register(table);
        ListFunctions.Register(table);
        StringListFunctions.Register(table);
        RegexFunctions.Register(table);
        TimeFunctions.Register(table);
        TimeFieldFunctions.Register(table);
        SplitTimeFunctions.Register(table);
        EvalFunctions.Register(table);
        EnvFunctions.Register(table);
        ArgsFunctions.Register(table);
        UserFunctions.Register(table);
        return table;
    }
}
