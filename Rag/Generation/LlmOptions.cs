using System.ComponentModel.DataAnnotations;

namespace Assistant.Rag.Generation;

/// <summary>
/// The chat endpoint (configuration section "Llm"): OpenAI, Azure OpenAI or any OpenAI-compatible server. Empty
/// <see cref="Endpoint"/> means no LLM: answers are extractive, follow-ups are rewritten by rules and old turns are
/// dropped. The key is read from configuration or the environment (Llm__ApiKey) and never logged.
/// </summary>
public sealed class LlmOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Llm";

    /// <summary>The kind of endpoint; decides the URL form and how the key is sent.</summary>
    public LlmProvider Provider { get; set; } = LlmProvider.OpenAI;

    /// <summary>Base URL of an OpenAI-compatible API, e.g. https://api.openai.com/v1 or http://localhost:11434/v1; empty for none.</summary>
    public string Endpoint { get; set; } = string.Empty;

    /// <summary>API key; may be empty for local servers.</summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>Chat model name (for Azure OpenAI: the deployment name).</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>
    /// Time allowed for one attempt of any LLM call, and in all for the answer, the listwise rerank and the hypothetical
    /// questions, before they fall back (the rewrite, the router, expansion and summaries have their own limits).
    /// </summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 20;

    /// <summary>Longest answer, in tokens.</summary>
    [Range(16, 8192)]
    public int MaxOutputTokens { get; set; } = 500;

    /// <summary>
    /// Retries of a call that failed transiently (408, 429, 5xx, no connection, an attempt that timed out), with
    /// exponential backoff or the endpoint's Retry-After, within the step's time. Other 4xx answers are not retried.
    /// </summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>LLM tokens (prompts and replies of every LLM step of the turn together) one turn may use; a call that no longer fits is not made.</summary>
    [Range(256, 1_000_000)]
    public int MaxTokensPerTurn { get; set; } = 6000;

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

        if (Provider == LlmProvider.AzureOpenAI && string.IsNullOrWhiteSpace(ApiKey))
        {
            yield return new ValidationResult("Llm:ApiKey is required for Azure OpenAI (set it in configuration or as Llm__ApiKey).", [nameof(ApiKey)]);
        }
    }
}
