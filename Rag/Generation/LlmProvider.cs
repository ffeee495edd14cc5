namespace Assistant.Rag.Generation;

/// <summary>Which kind of endpoint <see cref="LlmOptions.Endpoint"/> (or the embeddings endpoint) is.</summary>
public enum LlmProvider
{
    /// <summary>OpenAI or any OpenAI-compatible server (Ollama, vLLM, LM Studio): the key goes in "Authorization: Bearer".</summary>
    OpenAI,

    /// <summary>
    /// Azure OpenAI through its v1 API: the endpoint is the resource (https://NAME.openai.azure.com), "/openai/v1" is added
    /// when missing, the model is the deployment name, and the key goes in the "api-key" header.
    /// </summary>
    AzureOpenAI,
}
