using Microsoft.Net.Http.Headers;
using VmMiddleware.Factory.Catalogue;

namespace VmMiddleware.Factory.Artifacts;

/// <summary>
/// <c>/v1/artifacts/SHA256</c> (GET and HEAD, client certificate required): a published file by its SHA-256, with Range, If-Range and
/// ETag (the SHA-256) as image layers are served, so the vmimage plugin fetches and resumes both the same way.
/// </summary>
internal static class ArtifactEndpoints
{
    /// <summary>Maps the route over <paramref name="artifacts"/>.</summary>
    public static void Map(IEndpointRouteBuilder routes, ArtifactCatalogue artifacts)
    {
        routes.MapMethods("/v1/artifacts/{sha256}", [HttpMethods.Get, HttpMethods.Head], async (string sha256, CancellationToken cancellationToken) =>
        {
            if (!ImageCatalogue.IsImageId(sha256))
            {
                return Results.BadRequest($"'{sha256}' is not a SHA-256 (64 lower-case hexadecimal digits)\n");
            }

            return await artifacts.FindAsync(sha256, cancellationToken).ConfigureAwait(false) is { } path
                ? Results.File(path, "application/octet-stream", fileDownloadName: null, lastModified: File.GetLastWriteTimeUtc(path),
                    entityTag: new EntityTagHeaderValue("\"" + sha256 + "\""), enableRangeProcessing: true)
                : Results.NotFound($"no artifact with SHA-256 {sha256}\n");
        });
    }
}
