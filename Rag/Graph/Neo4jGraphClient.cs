using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Assistant.Rag.Graph;

/// <summary>
/// Read queries on a Neo4j server over its HTTP Query API (<c>POST /db/{database}/query/v2</c>). Before anything is
/// sent the query passes the embedded engine's own guard (parse and refuse anything but a read query, LIMIT added);
/// then the server's <c>EXPLAIN</c> plan is checked for write or procedure operators, and only then the query runs with
/// <c>accessMode</c> Read, so the server itself refuses a write that got this far.
/// </summary>
/// <remarks>Thread-safe (one <see cref="HttpClient"/>, no state). Credentials go in the Authorization header only.</remarks>
internal sealed class Neo4jGraphClient
{
    // Plan operators that write, call procedures or read files: their presence anywhere in the plan refuses the query.
    private static readonly string[] WriteOperators =
    [
        "Create", "Merge", "Delete", "DetachDelete", "Set", "Remove", "Foreach", "LoadCSV", "ProcedureCall", "TransactionForeach",
        "TransactionApply", "EmptyResult",
    ];

    private readonly HttpClient _http;
    private readonly Neo4jOptions _options;

    public Neo4jGraphClient(HttpClient http, Neo4jOptions options)
    {
        _http = http;
        _options = options;
        _http.Timeout = TimeSpan.FromMilliseconds(options.TimeoutMilliseconds);
    }

    /// <summary>Runs one read query and returns its rows (nodes as maps of elementId, labels and properties).</summary>
    /// <exception cref="GraphQueryRefusedException">The guard or the plan check refused it; only an EXPLAIN was sent.</exception>
    /// <exception cref="CypherRuntimeException">The server failed or answered with an error (its code, never the credentials).</exception>
    public async Task<GraphRows> QueryAsync(string cypher, IReadOnlyDictionary<string, object?>? parameters = null, int maxRows = 1000, CancellationToken cancellationToken = default)
    {
        var (query, _) = CypherGuard.Check(cypher, maxRows);
        var plan = await PostAsync("EXPLAIN " + query, parameters, cancellationToken).ConfigureAwait(false);
        var writes = Operators(plan["queryPlan"]).Where(IsWrite).Distinct(StringComparer.Ordinal).ToList();
        if (plan["queryPlan"] is null)
        {
            throw new GraphQueryRefusedException("Neo4j returned no query plan for EXPLAIN; the query was not run.");
        }

        if (writes.Count > 0)
        {
            throw new GraphQueryRefusedException($"Neo4j plans the query with {string.Join(", ", writes)}: only read queries are run.");
        }

        var result = await PostAsync(query, parameters, cancellationToken).ConfigureAwait(false);
        var data = result["data"] ?? throw new CypherRuntimeException("Neo4j answered without data.");
        var fields = data["fields"]?.AsArray().Select(f => f!.GetValue<string>()).ToList() ?? [];
        var rows = data["values"]?.AsArray().Select(r => (IReadOnlyList<object?>)r!.AsArray().Select(Plain).ToList()).ToList() ?? [];
        return new GraphRows(fields, rows);
    }

    private async Task<JsonNode> PostAsync(string statement, IReadOnlyDictionary<string, object?>? parameters, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(_options.Url.TrimEnd('/') + "/"), $"db/{Uri.EscapeDataString(_options.Database)}/query/v2"))
        {
            Content = JsonContent.Create(new Dictionary<string, object?>
            {
                ["statement"] = statement,
                ["parameters"] = parameters ?? new Dictionary<string, object?>(),
                ["accessMode"] = "Read",
            }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = _options.Token.Length > 0
            ? new AuthenticationHeaderValue("Bearer", _options.Token)
            : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(_options.User + ":" + _options.Password)));
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var json = body.Length == 0 ? null : JsonNode.Parse(body);
            if (!response.IsSuccessStatusCode || json?["errors"] is JsonArray { Count: > 0 })
            {
                var code = json?["errors"]?[0]?["code"]?.GetValue<string>() ?? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                throw new CypherRuntimeException($"Neo4j refused the query ({code}).");
            }

            return json ?? throw new CypherRuntimeException("Neo4j answered with an empty body.");
        }
        catch (HttpRequestException exception)
        {
            throw new CypherRuntimeException($"Neo4j at {_options.Url} could not be reached ({exception.StatusCode?.ToString() ?? exception.HttpRequestError.ToString()}).");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CypherRuntimeException($"Neo4j did not answer within {_options.TimeoutMilliseconds} ms.");
        }
        catch (JsonException)
        {
            throw new CypherRuntimeException("Neo4j answered with something other than JSON.");
        }
    }

    private static bool IsWrite(string operatorType)
    {
        var name = operatorType.Split('@')[0];
        return WriteOperators.Any(w => name.StartsWith(w, StringComparison.Ordinal));
    }

    private static IEnumerable<string> Operators(JsonNode? plan)
    {
        if (plan is null)
        {
            yield break;
        }

        if (plan["operatorType"]?.GetValue<string>() is { } type)
        {
            yield return type;
        }

        foreach (var child in plan["children"]?.AsArray() ?? [])
        {
            foreach (var nested in Operators(child))
            {
                yield return nested;
            }
        }
    }

    private static object? Plain(JsonNode? node) => node switch
    {
        null => null,
        JsonArray array => array.Select(Plain).ToList(),
        JsonObject map => map.ToDictionary(p => p.Key, p => Plain(p.Value), StringComparer.Ordinal),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
        JsonValue value when value.TryGetValue<long>(out var integer) => integer,
        JsonValue value when value.TryGetValue<double>(out var real) => real,
        _ => node.ToJsonString(),
    };
}
