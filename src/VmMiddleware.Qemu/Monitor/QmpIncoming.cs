namespace VmMiddleware.Qemu.Monitor;

/// <summary>Resuming a VM started with <c>-incoming</c>, shared by the launcher and the guest machines.</summary>
internal static class QmpIncoming
{
    /// <summary>Waits until the incoming state has loaded (the VM leaves inmigrate), then resumes the guest.</summary>
    public static async Task ResumeIncomingAsync(this QmpClient qmp, CancellationToken cancellationToken)
    {
        while (true)
        {
            var status = await qmp.QueryStatusAsync(cancellationToken).ConfigureAwait(false);
            if (status == "running")
            {
                return;
            }

            // The saved VM was stopped before the migration, so a loaded state waits paused for 'cont'.
            if (status is "paused" or "postmigrate" or "prelaunch")
            {
                await qmp.ContinueAsync(cancellationToken).ConfigureAwait(false);
                return;
            }

            if (status != "inmigrate")
            {
                throw new QmpException($"the restored VM is in state '{status}'");
            }

            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }
    }
}
