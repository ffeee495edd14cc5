using System.ComponentModel.DataAnnotations;

namespace Assistant.Rag.Embeddings;

/// <summary>
/// The embedding model (configuration section "Embeddings"). Empty <see cref="Endpoint"/> means the embedded
/// all-MiniLM-L6-v2; otherwise any OpenAI-compatible embeddings endpoint.
/// </summary>
public sealed class EmbeddingsOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Embeddings";

    /// <summary>The kind of endpoint, as for the chat endpoint (<see cref="Generation.LlmOptions.Provider"/>).</summary>
    public Generation.LlmProvider Provider { get; set; } = Generation.LlmProvider.OpenAI;

    /// <summary>Base URL of an OpenAI-compatible API; empty for the embedded model.</summary>
    public string Endpoint { get; set; } = string.Empty;

    /// <summary>API key; never logged.</summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>Embedding model name (required with an endpoint).</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>Vector size the endpoint returns (required with an endpoint).</summary>
    [Range(0, 8192)]
    public int Dimensions { get; set; }

    /// <summary>True when an endpoint is configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured)
        {
            yield break;
        }

        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult("Embeddings:Endpoint must be an absolute http(s) URL.", [nameof(Endpoint)]);
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            yield return new ValidationResult("Embeddings:Model must name a model when Embeddings:Endpoint is set.", [nameof(Model)]);
        }

        if (Dimensions <= 0)
        {
            yield return new ValidationResult("Embeddings:Dimensions must be the vector size of the model when Embeddings:Endpoint is set.", [nameof(Dimensions)]);
        }
    }
}
