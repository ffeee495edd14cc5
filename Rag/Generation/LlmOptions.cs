using System.ComponentModel.DataAnnotations;

namespace Assistant.Rag.Generation;

/// <summary>
/// The OpenAI-compatible chat endpoint (configuration section "Llm"). Empty <see cref="Endpoint"/> means no LLM:
/// answers are extractive. The key is read from configuration or the environment (Llm__ApiKey) and never logged.
/// </summary>
public sealed class LlmOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Llm";

    /// <summary>Base URL of an OpenAI-compatible API, e.g. https://api.openai.com/v1 or http://localhost:11434/v1; empty for none.</summary>
    public string Endpoint { get; set; } = string.Empty;

    /// <summary>API key; may be empty for local servers.</summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>Chat model name.</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>Time allowed for one answer before falling back to the extractive answer.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 20;

    /// <summary>Longest answer, in tokens.</summary>
    [Range(16, 8192)]
    public int MaxOutputTokens { get; set; } = 500;

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
            yield return new ValidationResult("Llm:Endpoint must be an absolute http(s) URL.", [nameof(Endpoint)]);
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            yield return new ValidationResult("Llm:Model must name a model when Llm:Endpoint is set.", [nameof(Model)]);
        }
    }
}
