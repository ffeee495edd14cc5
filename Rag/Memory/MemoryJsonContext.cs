using System.Text.Json.Serialization;

namespace Assistant.Rag.Memory;

/// <summary>The stored form of a history in Redis (source-generated, so no reflection at run time).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConversationHistory))]
internal sealed partial class MemoryJsonContext : JsonSerializerContext;
