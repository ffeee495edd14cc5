namespace Assistant.Bot.Tests.Telemetry;

/// <summary>One span as received over OTLP: ids in lower-case hex (parent empty for a root), name, scope and service.</summary>
internal sealed record OtlpSpan(string TraceId, string SpanId, string ParentSpanId, string Name, string Scope, string ServiceName);
