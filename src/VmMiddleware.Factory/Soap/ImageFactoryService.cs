using System.Reflection;
using VmMiddleware.Factory.Building;
using VmMiddleware.Factory.Catalogue;
using VmMiddleware.Factory.Configuration;
using VmMiddleware.Factory.Contracts.Messages;
using VmMiddleware.Factory.Contracts.Service;
using VmMiddleware.Factory.Security;
using VmMiddleware.Factory.Tickets;
using VmMiddleware.Images.Dag;

namespace VmMiddleware.Factory.Soap;

/// <summary>The SOAP operations: checks the caller's request and quota, then hands work to the scheduler and the catalogue.</summary>
internal sealed partial class ImageFactoryService(
    IHttpContextAccessor http, ServiceSettings settings, BuildScheduler scheduler, ExecutorFactory executors, ImageCatalogue catalogue, TimeProvider time) : IImageFactory, IDisposable
{
    /// <summary>How many submissions are staged (blocking file and database I/O) at once.</summary>
    internal const int StagingConcurrency = 2;

    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _staging = new(StagingConcurrency, StagingConcurrency);

    private string RequestsDirectory => Path.Combine(settings.DataDirectory, RequestFiles.DirectoryName);

    /// <inheritdoc/>
    public async Task<TicketStatus> SubmitBuildAsync(SubmitBuildRequest request)
    {
        var caller = Caller();
        if (request is null || string.IsNullOrWhiteSpace(request.Configuration))
        {
            throw SoapFaults.Fault(FactoryFaultCodes.InvalidRequest, "the request has no configuration; expected a vmconfig document (schemas/vmconfig.xsd)");
        }

        var format = string.IsNullOrEmpty(request.Format) ? "qcow2" : request.Format;
        if (!ImageCatalogue.Formats.Contains(format))
        {
            throw SoapFaults.Fault(FactoryFaultCodes.InvalidRequest, $"'{format}' is not an export format; expected one of: {string.Join(", ", ImageCatalogue.Formats)}");
        }

        await CheckQuotaAsync(caller).ConfigureAwait(false);

        // Staging the files, reading and hashing the DAG and the durable insert block their thread: at most StagingConcurrency requests
        // do so at once, the others wait without holding a thread, so a burst of submissions cannot starve the thread pool that
        // answers GetTicket, ListImages and Describe.
        await _staging.WaitAsync(http.HttpContext?.RequestAborted ?? default).ConfigureAwait(false);
        try
        {
            return Accept(caller, request, format);
        }
        finally
        {
            _staging.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _staging.Dispose();

    private TicketStatus Accept(CallerIdentity caller, SubmitBuildRequest request, string format)
    {
        var ticketId = Guid.NewGuid().ToString("N");
        string staging;
        try
        {
            staging = RequestFiles.Stage(RequestsDirectory, request.Configuration, request.Files ?? []);
        }
        catch (ArgumentException e)
        {
            throw SoapFaults.Fault(FactoryFaultCodes.InvalidRequest, e.Message);
        }

        try
        {
            var dag = DagReader.Read(Path.Combine(staging, RequestFiles.ConfigurationName));
            if (dag.Base.Action is BaseAction { Ref: null })
            {
                throw SoapFaults.Fault(FactoryFaultCodes.InvalidRequest, $"base '{dag.Base.Id}' names a disk image file; requests to the service use a registered base (ref=\"...\"): {string.Join(", ", settings.Bases)}");
            }

            if (dag.Base.Action is BaseAction { Ref: { } name } && !settings.Bases.Contains(name))
            {
                throw SoapFaults.Fault(FactoryFaultCodes.InvalidRequest, $"base '{name}' is not offered here; expected one of: {string.Join(", ", settings.Bases)}");
            }

            new Images.Building.ImageFactory(catalogue.Store, executors.Runner).Hash(dag);
        }
        catch (DagFormatException e)
        {
            Directory.Delete(staging, recursive: true);
            throw SoapFaults.Fault(FactoryFaultCodes.InvalidRequest, e.Message.Replace(staging, "request", StringComparison.Ordinal));
        }
        catch
        {
            Directory.Delete(staging, recursive: true);
            throw;
        }

        var directory = RequestFiles.Commit(staging, RequestsDirectory, ticketId);
        var record = new TicketRecord(ticketId, caller.Account, caller.Subject, TicketStates.Queued, format, request.Configuration, directory, time.GetUtcNow().UtcDateTime, null, null, null, 0, [], 0);
        return scheduler.Submit(record).ToStatus();
    }

    /// <inheritdoc/>
    public async Task<TicketStatus> GetTicketAsync(string ticketId)
    {
        Caller();
        return await scheduler.StatusAsync(CheckTicketId(ticketId)).ConfigureAwait(false) ?? throw NoTicket(ticketId);
    }

    /// <inheritdoc/>
    public async Task<TicketStatus> WaitTicketAsync(string ticketId, int timeoutSeconds)
    {
        Caller();
        var wait = TimeSpan.FromSeconds(Math.Clamp(timeoutSeconds, 0, (int)MaxWait.TotalSeconds));
        return await scheduler.WaitAsync(CheckTicketId(ticketId), wait, http.HttpContext?.RequestAborted ?? default).ConfigureAwait(false) ?? throw NoTicket(ticketId);
    }

    /// <inheritdoc/>
    public async Task<ImageDownload> GetDownloadAsync(string imageId, string format)
    {
        Caller();
        CheckImageId(imageId);
        format = string.IsNullOrEmpty(format) ? "qcow2" : format;
        if (!ImageCatalogue.Formats.Contains(format))
        {
            throw SoapFaults.Fault(FactoryFaultCodes.InvalidRequest, $"'{format}' is not an export format; expected one of: {string.Join(", ", ImageCatalogue.Formats)}");
        }

        var (file, layers) = await catalogue.DownloadAsync(imageId, format, http.HttpContext?.RequestAborted ?? default).ConfigureAwait(false)
            ?? throw SoapFaults.Fault(FactoryFaultCodes.NotFound, $"no image {imageId}");
        var root = BaseUrl();
        return new ImageDownload
        {
            ImageId = imageId,
            Format = format,
            Url = format == "chain" ? $"{root}/v1/layers/{imageId}.qcow2" : $"{root}/v1/images/{imageId}.{format}",
            SizeBytes = file.SizeBytes,
            Sha256 = file.Sha256,
            Layers = [.. layers.Select(l => new LayerDownload { StateId = l.State.Id, ParentId = l.State.Manifest.ParentId, Url = $"{root}/v1/layers/{l.State.Id}.qcow2", SizeBytes = l.Sum.SizeBytes, Sha256 = l.Sum.Sha256 })],
        };
    }

    /// <inheritdoc/>
    public Task<ImageListing> ListImagesAsync()
    {
        Caller();
        return catalogue.ListAsync();
    }

    /// <inheritdoc/>
    public Task<ImageEntry> PinAsync(string imageId) => SetPinned(imageId, true);

    /// <inheritdoc/>
    public Task<ImageEntry> UnpinAsync(string imageId) => SetPinned(imageId, false);

    /// <inheritdoc/>
    public async Task<DeleteResult> DeleteAsync(string imageId)
    {
        var caller = Caller();
        var entry = await OwnedAsync(imageId, caller).ConfigureAwait(false);
        if (entry.Pinned)
        {
            throw SoapFaults.Fault(FactoryFaultCodes.Conflict, $"image {imageId} is pinned; unpin it first");
        }

        var removed = catalogue.Delete(imageId);
        return removed.Count == 0
            ? throw SoapFaults.Fault(FactoryFaultCodes.Conflict, $"image {imageId} is in use (a build holds it, or an image built on it is pinned)")
            : new DeleteResult { Deleted = [.. removed] };
    }

    /// <inheritdoc/>
    public async Task<ServiceInfo> DescribeAsync()
    {
        var caller = Caller();
        return new ServiceInfo
        {
            Version = typeof(ImageFactoryService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0",
            Bases = [.. settings.Bases],
            Formats = [.. ImageCatalogue.Formats],
            MaxRequestBytes = settings.MaxRequestBytes,
            MaxXmlDepth = settings.MaxXmlDepth,
            BuildConcurrency = settings.BuildConcurrency,
            Account = caller.Account,
            Subject = caller.Subject,
            Quota = await UsageAsync(caller.Account).ConfigureAwait(false),
        };
    }

    private async Task<ImageEntry> SetPinned(string imageId, bool pinned)
    {
        var caller = Caller();
        await OwnedAsync(imageId, caller).ConfigureAwait(false);
        catalogue.SetPinned(imageId, pinned);
        return await catalogue.FindAsync(imageId).ConfigureAwait(false) ?? throw SoapFaults.Fault(FactoryFaultCodes.NotFound, $"no image {imageId}");
    }

    private async Task<ImageEntry> OwnedAsync(string imageId, CallerIdentity caller)
    {
        CheckImageId(imageId);
        var entry = await catalogue.FindAsync(imageId).ConfigureAwait(false) ?? throw SoapFaults.Fault(FactoryFaultCodes.NotFound, $"no image {imageId}");
        return entry.Owner == caller.Account
            ? entry
            : throw SoapFaults.Fault(FactoryFaultCodes.AccessDenied, $"image {imageId} belongs to '{(entry.Owner.Length == 0 ? "the site" : entry.Owner)}', not to '{caller.Account}'");
    }

    private async Task<QuotaUsage> UsageAsync(string account) => new()
    {
        MaxConcurrentBuilds = settings.BuildsQuota(account),
        ActiveBuilds = scheduler.ActiveCount(account),
        MaxStoredBytes = settings.BytesQuota(account),
        StoredBytes = await catalogue.BytesOwnedByAsync(account).ConfigureAwait(false),
    };

    private async Task CheckQuotaAsync(CallerIdentity caller)
    {
        var usage = await UsageAsync(caller.Account).ConfigureAwait(false);
        if (usage.ActiveBuilds >= usage.MaxConcurrentBuilds)
        {
            throw SoapFaults.Fault(FactoryFaultCodes.QuotaExceeded, $"quota exceeded: concurrent builds: '{caller.Account}' has {usage.ActiveBuilds} of {usage.MaxConcurrentBuilds} builds queued or running; wait for one to finish");
        }

        if (usage.StoredBytes >= usage.MaxStoredBytes)
        {
            throw SoapFaults.Fault(FactoryFaultCodes.QuotaExceeded, $"quota exceeded: stored bytes: '{caller.Account}' owns {usage.StoredBytes} of {usage.MaxStoredBytes} bytes; delete or unpin images");
        }
    }

    private CallerIdentity Caller() =>
        http.HttpContext?.Items[CallerAuthentication.ItemKey] as CallerIdentity
        ?? throw SoapFaults.Fault(FactoryFaultCodes.AccessDenied, "access denied: the caller is not authenticated");

    private string BaseUrl()
    {
        if (settings.PublicUrl is { } configured)
        {
            return configured;
        }

        var request = http.HttpContext!.Request;
        return "https://" + request.Host.Value;
    }

    private static string CheckTicketId(string ticketId) =>
        ticketId is { Length: 32 } && ticketId.All(char.IsAsciiHexDigitLower)
            ? ticketId
            : throw SoapFaults.Fault(FactoryFaultCodes.InvalidRequest, $"'{Clip(ticketId)}' is not a ticket id; expected 32 hexadecimal digits");

    private static void CheckImageId(string imageId)
    {
        if (!ImageCatalogue.IsImageId(imageId))
        {
            throw SoapFaults.Fault(FactoryFaultCodes.InvalidRequest, $"'{Clip(imageId)}' is not an image id; expected 64 hexadecimal digits (image names are identifiers, never paths)");
        }
    }

    private static System.ServiceModel.FaultException NoTicket(string ticketId) => SoapFaults.Fault(FactoryFaultCodes.NotFound, $"no ticket {ticketId}");

    private static string Clip(string? text) => text is null ? "(none)" : text.Length > 80 ? text[..80] + "..." : text;
}
