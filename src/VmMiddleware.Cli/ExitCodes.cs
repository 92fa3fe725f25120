namespace VmMiddleware.Cli;

/// <summary>The exit-code contract of every verb: 0 success, 1 user error (one message on stderr), 2 internal failure.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int UserError = 1;
    public const int InternalError = 2;

    /// <summary>Runs <paramref name="body"/> and turns its exceptions into the contract's exit codes and one message.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (UserErrorException e)
        {
            Console.Error.WriteLine("vmgrid: " + e.Message);
            return UserError;
        }
        catch (Remote.RemoteException e)
        {
            Console.Error.WriteLine("vmgrid: " + e.Message);
            return UserError;
        }
#pragma warning disable CA1031 // The top level turns any unexpected failure into exit code 2 with a message.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Console.Error.WriteLine("vmgrid: internal error: " + e);
            return InternalError;
        }
    }
}
