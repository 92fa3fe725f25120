using System.Globalization;
using VmMiddleware.Factory.Catalogue;

namespace VmMiddleware.Factory.Downloads;

/// <summary>
/// The lookup by content (HTTPS, client certificate required): <c>/v1/content/SHA256?size=N</c> answers which image a file with that
/// SHA-256 and size is, as one line <c>image STATE FORMAT</c> (FORMAT is "layer" for the state's own layer), or 404 when the service
/// holds no such file. A translator asks it before shipping an image, and names vmimage://HOST:PORT/STATE.qcow2 when it is held.
/// </summary>
internal static class ContentEndpoints
{
    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/content/{sha256}", async (string sha256, string? size, ImageCatalogue catalogue, CancellationToken cancellationToken) =>
        {
            if (!ImageCatalogue.IsImageId(sha256))
            {
                return Results.BadRequest($"'{sha256}' is not a SHA-256 (64 lower-case hexadecimal digits)\n");
            }

            if (!long.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes))
            {
                return Results.BadRequest("the query needs size=BYTES, the file's size in bytes\n");
            }

            return await catalogue.FindContentAsync(sha256, bytes, cancellationToken).ConfigureAwait(false) is { } found
                ? Results.Text($"image {found.StateId} {found.Format}\n", "text/plain; charset=utf-8")
                : Results.NotFound($"no file with SHA-256 {sha256} and {bytes} bytes\n");
        });
    }
}
