using System.Globalization;
using VmMiddleware.Remote.Jobs;

namespace VmMiddleware.Cli.Verbs;

/// <summary>Prints job reports: one line per job for people, or the report's JSON.</summary>
internal static class JobReportPrinter
{
    public static void Print(string id, JobReport report, bool json)
    {
        if (json)
        {
            Console.Out.WriteLine(JobJson.Write(report));
            return;
        }

        Console.Out.WriteLine(Line(id, report.Status));
    }

    public static string Line(string id, JobStatus status) => string.Create(CultureInfo.InvariantCulture, $"{id}  {status}");
}
