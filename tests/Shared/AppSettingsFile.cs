using System.Text.Json;

namespace Assistant.Tests.Shared;

/// <summary>The repository's appsettings.json as configuration keys ("Rag:Answer:MinEvidence"), without the JSON configuration provider.</summary>
internal static class AppSettingsFile
{
    public static Dictionary<string, string?> Flatten(string jsonFile)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        using var json = JsonDocument.Parse(File.ReadAllText(jsonFile), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        Walk(json.RootElement, null);
        return settings;

        void Walk(JsonElement element, string? key)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        Walk(property.Value, key is null ? property.Name : $"{key}:{property.Name}");
                    }

                    break;
                case JsonValueKind.Array:
                    var i = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        Walk(item, $"{key}:{i++}");
                    }

                    break;
                case JsonValueKind.String:
                    settings[key!] = element.GetString();
                    break;
                case JsonValueKind.Null:
                    settings[key!] = null;
                    break;
                default:
                    settings[key!] = element.GetRawText();
                    break;
            }
        }
    }
}
