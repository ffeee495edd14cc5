using System.Text.Json;

namespace Assistant.Bot.Tests.TestSupport;

/// <summary>Validates card JSON with tests/Bot.Tests/validator/validate-card.mjs (the official adaptivecards package).</summary>
internal static class CardValidator
{
    /// <summary>The validator's verdict.</summary>
    public sealed record Verdict(bool Valid, int ExitCode, IReadOnlyList<string> Errors, string RawOutput);

    /// <summary>Runs the validator on <paramref name="cardJson"/>.</summary>
    public static async Task<Verdict> ValidateAsync(string cardJson)
    {
        var result = await NodeScript.RunAsync("validator", "validate-card.mjs", [], cardJson, TimeSpan.FromSeconds(60));
        JsonDocument report;
        try
        {
            report = JsonDocument.Parse(result.StandardOutput);
        }
        catch (JsonException)
        {
            Assert.Fail($"The validator printed no JSON report (exit {result.ExitCode}): {result.StandardOutput}{result.StandardError}");
            throw;
        }

        using (report)
        {
            var errors = report.RootElement.GetProperty("errors").EnumerateArray()
                .Select(e => e.GetRawText())
                .ToList();
            return new Verdict(report.RootElement.GetProperty("valid").GetBoolean(), result.ExitCode, errors, result.StandardOutput);
        }
    }
}
