using System.ComponentModel.DataAnnotations;

namespace Assistant.Rag.Memory;

/// <summary>
/// The Redis server (configuration section "Redis"). Empty <see cref="Configuration"/> means no Redis: memory and
/// de-duplication stay in this process.
/// </summary>
public sealed class RedisOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. "localhost:6379" or "cache:6380,ssl=true,password=…"; empty for none. Never logged.</summary>
    public string Configuration { get; set; } = string.Empty;

    /// <summary>Time allowed to connect, in milliseconds; reconnecting happens in the background.</summary>
    [Range(100, 60000)]
    public int ConnectTimeoutMs { get; set; } = 2000;

    /// <summary>Time allowed for one command, in milliseconds, so an unreachable server costs a turn little.</summary>
    [Range(50, 60000)]
    public int OperationTimeoutMs { get; set; } = 1000;

    /// <summary>True when a server is configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Configuration);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured)
        {
            yield break;
        }

        string? problem = null;
        try
        {
            if (StackExchange.Redis.ConfigurationOptions.Parse(Configuration).EndPoints.Count == 0)
            {
                problem = "names no server";
            }
        }
        catch (ArgumentException)
        {
            problem = "is not a valid StackExchange.Redis configuration string";
        }

        // The message names the setting but never repeats it: it may hold a password.
        if (problem is not null)
        {
            yield return new ValidationResult($"Redis:Configuration {problem} (expected e.g. \"localhost:6379\").", [nameof(Configuration)]);
        }
    }
}
