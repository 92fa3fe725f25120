using VmMiddleware.Factory.Hosting;

namespace VmMiddleware.Factory;

/// <summary>The entry point of vmgrid-serve (also reached as <c>vmgrid serve</c>).</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => ServeCommand.RunAsync(args, Console.Out, Console.Error);
}
