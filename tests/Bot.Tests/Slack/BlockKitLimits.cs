using System.Text.Json.Nodes;

namespace Assistant.Bot.Tests.Slack;

/// <summary>Checks a message payload against Block Kit's documented limits (protocols.md D7), independently of the renderer's constants.</summary>
internal static class BlockKitLimits
{
    private static readonly HashSet<string> KnownBlocks = ["section", "context", "actions", "divider", "header"];

    /// <summary>Fails the test with every limit <paramref name="message"/> (an object with "text" and "blocks") breaks.</summary>
    public static void AssertWithin(JsonNode message)
    {
        var problems = new List<string>();
        var text = message["text"]?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add("the fallback text is empty");
        }
        else if (text.Length > 40_000)
        {
            problems.Add($"the fallback text has {text.Length} chars (Slack truncates past 40,000)");
        }

        var blocks = message["blocks"]?.AsArray() ?? [];
        if (blocks.Count is 0 or > 50)
        {
            problems.Add($"{blocks.Count} blocks (1 to 50 allowed)");
        }

        var blockIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i]!;
            var where = $"block {i}";
            var type = block["type"]?.GetValue<string>() ?? "(none)";
            if (!KnownBlocks.Contains(type))
            {
                problems.Add($"{where} has unknown type {type}");
            }

            if (block["block_id"]?.GetValue<string>() is { } blockId && (blockId.Length > 255 || !blockIds.Add(blockId)))
            {
                problems.Add($"{where} has a block_id longer than 255 or repeated");
            }

            switch (type)
            {
                case "section":
                    CheckText(block["text"], 1, 3000, where + " text", problems);
                    break;
                case "header":
                    CheckText(block["text"], 1, 150, where + " text", problems);
                    break;
                case "context":
                    var elements = block["elements"]?.AsArray() ?? [];
                    if (elements.Count is 0 or > 10)
                    {
                        problems.Add($"{where} has {elements.Count} elements (1 to 10 allowed)");
                    }

                    foreach (var element in elements)
                    {
                        CheckText(element, 1, 3000, where + " element", problems);
                    }

                    break;
                case "actions":
                    var buttons = block["elements"]?.AsArray() ?? [];
                    if (buttons.Count is 0 or > 25)
                    {
                        problems.Add($"{where} has {buttons.Count} elements (1 to 25 allowed)");
                    }

                    var actionIds = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var button in buttons)
                    {
                        CheckText(button!["text"], 1, 75, where + " button text", problems);
                        var actionId = button["action_id"]?.GetValue<string>() ?? string.Empty;
                        if (actionId.Length is 0 or > 255 || !actionIds.Add(actionId))
                        {
                            problems.Add($"{where} has a button action_id that is empty, longer than 255 or repeated");
                        }

                        if ((button["value"]?.GetValue<string>()?.Length ?? 0) > 2000)
                        {
                            problems.Add($"{where} has a button value longer than 2000");
                        }

                        if ((button["url"]?.GetValue<string>()?.Length ?? 0) > 3000)
                        {
                            problems.Add($"{where} has a button url longer than 3000");
                        }
                    }

                    break;
            }
        }

        Assert.True(problems.Count == 0, "Block Kit limits broken:\n" + string.Join("\n", problems) + "\n" + message.ToJsonString());
    }

    private static void CheckText(JsonNode? textObject, int min, int max, string where, List<string> problems)
    {
        var type = textObject?["type"]?.GetValue<string>();
        if (type is not ("mrkdwn" or "plain_text"))
        {
            problems.Add($"{where} is not a text object");
            return;
        }

        var text = textObject!["text"]?.GetValue<string>() ?? string.Empty;
        if (text.Length < min || text.Length > max)
        {
            problems.Add($"{where} has {text.Length} chars ({min} to {max} allowed)");
        }
    }
}
