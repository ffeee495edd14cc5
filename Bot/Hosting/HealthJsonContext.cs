using System.Text.Json.Serialization;

namespace Assistant.Bot.Hosting;

/// <summary>Source-generated JSON for the probes' body (camelCase).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(HealthBody))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
