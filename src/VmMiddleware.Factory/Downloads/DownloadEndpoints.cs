using System.Globalization;
using Microsoft.Net.Http.Headers;
using VmMiddleware.Factory.Catalogue;

namespace VmMiddleware.Factory.Downloads;

/// <summary>
/// The download routes (HTTPS, client certificate required): <c>/v1/images/ID.FORMAT</c> (an export), <c>/v1/layers/ID.qcow2</c> (one
/// layer of a chain), <c>/v1/chains/ID</c> (the chain as text, base first). Files are served with Range, If-Range and ETag (the SHA-256).
/// </summary>
internal static class DownloadEndpoints
{
    /// <summary>Maps the routes.</summary>
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/images/{file}", (string file, ImageCatalogue catalogue) =>
        {
            var dot = file.IndexOf('.', StringComparison.Ordinal);
            var (id, format) = dot < 0 ? (file, string.Empty) : (file[..dot], file[(dot + 1)..]);
            if (!ImageCatalogue.IsImageId(id) || format is "chain" or "layer" || !ImageCatalogue.Formats.Contains(format))
            {
                return Results.BadRequest($"'{file}' is not IMAGE-ID.FORMAT (a 64-digit image id; qcow2, raw, vmdk, vdi or vhdx)\n");
            }

            return catalogue.FindExport(id, format) is { } export
                ? Serve(export.Path, export.Sha256)
                : Results.NotFound($"image {id} has no {format} export; call GetDownload first\n");
        });
        routes.MapGet("/v1/layers/{file}", async (string file, ImageCatalogue catalogue, CancellationToken cancellationToken) =>
        {
            var id = file.EndsWith(".qcow2", StringComparison.Ordinal) ? file[..^".qcow2".Length] : string.Empty;
            if (!ImageCatalogue.IsImageId(id))
            {
                return Results.BadRequest($"'{file}' is not LAYER-ID.qcow2 (a 64-digit state id)\n");
            }

            if (await catalogue.ChainAsync(id, cancellationToken).ConfigureAwait(false) is not { } layers)
            {
                return Results.NotFound($"no layer {id}\n");
            }

            return Serve(layers[^1].State.LayerPath, layers[^1].Sum.Sha256);
        });
        routes.MapGet("/v1/chains/{id}", async (string id, ImageCatalogue catalogue, CancellationToken cancellationToken) =>
        {
            if (!ImageCatalogue.IsImageId(id) || await catalogue.ChainAsync(id, cancellationToken).ConfigureAwait(false) is not { } layers)
            {
                return Results.NotFound($"no image {id}\n");
            }

            var text = string.Concat(layers.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.State.Id} {l.State.Manifest.ParentId ?? "-"} {l.Sum.SizeBytes} {l.Sum.Sha256}\n")));
            return Results.Text(text, "text/plain; charset=utf-8");
        });
    }

    private static IResult Serve(string path, string sha256) =>
        Results.File(
            path,
            "application/octet-stream",
            fileDownloadName: null,
            lastModified: File.GetLastWriteTimeUtc(path),
            entityTag: new EntityTagHeaderValue("\"" + sha256 + "\""),
            enableRangeProcessing: true);
}
