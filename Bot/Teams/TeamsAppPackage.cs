using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Assistant.Bot.Teams;

/// <summary>
/// Builds the Teams app package: manifests/teams/manifest.json with the app id filled in, and its two icons,
/// zipped at the root of the archive as Teams' upload expects.
/// </summary>
internal static class TeamsAppPackage
{
    /// <summary>The manifest's file name, in the folder and in the package.</summary>
    public const string ManifestFile = "manifest.json";

    /// <summary>The colour icon's size in pixels.</summary>
    public const int ColorIconSize = 192;

    /// <summary>The outline icon's size in pixels.</summary>
    public const int OutlineIconSize = 32;

    private static readonly string[] RequiredFields = ["manifestVersion", "version", "id", "developer", "name", "description", "icons", "accentColor"];

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// Writes the package for <paramref name="appId"/> to <paramref name="output"/>: the manifest's <c>id</c> and every
    /// bot's <c>botId</c> become the app id.
    /// </summary>
    /// <exception cref="InvalidDataException">The folder's manifest or icons are missing or malformed; the message says which.</exception>
    public static void Write(string manifestFolder, string appId, Stream output)
    {
        if (!Guid.TryParse(appId, out _))
        {
            throw new InvalidDataException("Teams:AppId must be the Azure Bot's Microsoft App Id, a GUID.");
        }

        var manifest = ReadManifest(manifestFolder);
        manifest["id"] = appId;
        if (manifest["bots"] is not JsonArray { Count: > 0 } bots)
        {
            throw new InvalidDataException($"{ManifestFile} declares no bot.");
        }

        foreach (var bot in bots.OfType<JsonObject>())
        {
            bot["botId"] = appId;
        }

        var icons = manifest["icons"] as JsonObject;
        var color = IconPath(manifestFolder, icons, "color", ColorIconSize);
        var outline = IconPath(manifestFolder, icons, "outline", OutlineIconSize);

        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var entry = zip.CreateEntry(ManifestFile, CompressionLevel.Optimal);
        using (var stream = entry.Open())
        {
            JsonSerializer.Serialize(stream, manifest, Indented);
        }

        zip.CreateEntryFromFile(color, Path.GetFileName(color), CompressionLevel.Optimal);
        zip.CreateEntryFromFile(outline, Path.GetFileName(outline), CompressionLevel.Optimal);
    }

    private static JsonObject ReadManifest(string folder)
    {
        var path = Path.Combine(folder, ManifestFile);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"There is no {ManifestFile} in '{folder}'.");
        }

        JsonObject manifest;
        try
        {
            manifest = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new InvalidDataException($"{path} is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {e.Message}", e);
        }

        var missing = RequiredFields.Where(f => manifest[f] is null).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"{path} lacks required fields: {string.Join(", ", missing)}.");
        }

        return manifest;
    }

    // Teams refuses a package whose icons are missing or of the wrong size, so check before zipping.
    private static string IconPath(string folder, JsonObject? icons, string name, int size)
    {
        var relative = icons?[name]?.GetValue<string>();
        if (string.IsNullOrEmpty(relative) || relative.Contains('/', StringComparison.Ordinal) || relative.Contains('\\', StringComparison.Ordinal))
        {
            throw new InvalidDataException($"icons.{name} must name a PNG file next to {ManifestFile}.");
        }

        var path = Path.Combine(folder, relative);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"The {name} icon '{path}' does not exist.");
        }

        var (width, height) = PngSize(path);
        if (width != size || height != size)
        {
            throw new InvalidDataException($"The {name} icon must be {size}x{size} pixels; '{path}' is {width}x{height}.");
        }

        return path;
    }

    /// <summary>Width and height from a PNG's IHDR chunk.</summary>
    internal static (int Width, int Height) PngSize(string path)
    {
        Span<byte> header = stackalloc byte[24];
        using var stream = File.OpenRead(path);
        if (stream.Read(header) < 24 || !header[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            throw new InvalidDataException($"'{path}' is not a PNG file.");
        }

        return (BinaryPrimitives.ReadInt32BigEndian(header[16..20]), BinaryPrimitives.ReadInt32BigEndian(header[20..24]));
    }
}
