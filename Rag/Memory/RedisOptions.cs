using System.ComponentModel.DataAnnotations;

namespace Assistant.Rag.Memory;

/// <summary>
/// The Redis server (configuration section "Redis"). Empty <see cref="Configuration"/> means no Redis: memory and
/// de-duplication stay in this process.
/// </summary>
public sealed class RedisOptions
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
}
