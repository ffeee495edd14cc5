using Google.Protobuf;

namespace Assistant.Bot.Tests.Telemetry;

/// <summary>
/// Reads the spans out of an OTLP ExportTraceServiceRequest with the wire format alone (field numbers from
/// opentelemetry-proto's trace.proto, common.proto and resource.proto), so no generated code is needed.
/// </summary>
internal static class OtlpTraceDecoder
{
    public static IReadOnlyList<OtlpSpan> Decode(byte[] exportTraceServiceRequest)
    {
        var spans = new List<OtlpSpan>();
        foreach (var resourceSpans in Messages(exportTraceServiceRequest, 1))
        {
            var service = string.Empty;
            foreach (var resource in Messages(resourceSpans, 1))
            {
                foreach (var attribute in Messages(resource, 1))
                {
                    var (key, value) = KeyValue(attribute);
                    service = key == "service.name" ? value : service;
                }
            }

            foreach (var scopeSpans in Messages(resourceSpans, 2))
            {
                var scope = Messages(scopeSpans, 1).Select(s => Strings(s, 1).FirstOrDefault() ?? string.Empty).FirstOrDefault() ?? string.Empty;
                foreach (var span in Messages(scopeSpans, 2))
                {
                    spans.Add(new OtlpSpan(
                        Hex(Bytes(span, 1)),
                        Hex(Bytes(span, 2)),
                        Hex(Bytes(span, 4)),
                        Strings(span, 5).FirstOrDefault() ?? string.Empty,
                        scope,
                        service));
                }
            }
        }

        return spans;
    }

    private static (string Key, string Value) KeyValue(byte[] keyValue)
    {
        var key = Strings(keyValue, 1).FirstOrDefault() ?? string.Empty;
        var value = Messages(keyValue, 2).Select(v => Strings(v, 1).FirstOrDefault() ?? string.Empty).FirstOrDefault() ?? string.Empty;
        return (key, value);
    }

    private static IEnumerable<byte[]> Messages(byte[] message, int field) => Fields(message, field).Select(b => b.ToByteArray());

    private static IEnumerable<string> Strings(byte[] message, int field) => Fields(message, field).Select(b => b.ToStringUtf8());

    private static byte[] Bytes(byte[] message, int field) => Fields(message, field).FirstOrDefault()?.ToByteArray() ?? [];

    // Every length-delimited occurrence of the field; other fields and wire types are skipped.
    private static List<ByteString> Fields(byte[] message, int field)
    {
        var found = new List<ByteString>();
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == field && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                found.Add(input.ReadBytes());
            }
            else
            {
                input.SkipLastField();
            }
        }

        return found;
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
