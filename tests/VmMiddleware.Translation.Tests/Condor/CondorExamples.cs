using VmMiddleware.Submit;
using VmMiddleware.WorkUnits;
using VmMiddleware.WorkUnits.Xml;

namespace VmMiddleware.Translation.Tests.Condor;

/// <summary>The examples in schemas/examples as work units, read the way vmgrid translate reads them.</summary>
internal static class CondorExamples
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "examples");

    public static WorkUnit Read(string name)
    {
        var path = Path.Combine(Directory, name);
        return name.EndsWith(".sub", StringComparison.Ordinal)
            ? VmUniverseMapper.Map(SubmitFile.Expand(path), Directory).Single()
            : WorkUnitReader.Read(path);
    }
}
