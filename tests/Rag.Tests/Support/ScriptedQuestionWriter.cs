using System.Text.Json;
using System.Text.RegularExpressions;
using Assistant.Rag.Generation;
using Assistant.Rag.Ingestion;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Tests.Support;

/// <summary>
/// Plays the LLM for index-time HyDE: reads the numbered passages of each request, as the real model would, and answers
/// in the asked-for JSON with the questions scripted for the first cue word each passage contains (none for a passage
/// without a cue). Records every passage it was asked about.
/// </summary>
internal sealed partial class ScriptedQuestionWriter
{
    private readonly IReadOnlyDictionary<string, string[]> _questionsByCue;

    public ScriptedQuestionWriter(IReadOnlyDictionary<string, string[]> questionsByCue)
    {
        _questionsByCue = questionsByCue;
        Chat = new ScriptedChatClient((messages, _) => Task.FromResult(Reply(messages[^1].Text)));
    }

    public ScriptedChatClient Chat { get; }

    /// <summary>The texts of every passage sent to the model, in order.</summary>
    public List<string> PassagesAsked { get; } = [];

    /// <summary>A generator over <paramref name="chat"/> asking for <paramref name="questions"/> per chunk.</summary>
    public static HypotheticalQuestionGenerator Generator(IChatClient? chat, int questions, ILoggerFactory? logs = null, int timeoutSeconds = 20) => new(
        TestLlm.Calls(chat, TestLlm.Options(timeoutSeconds), logs),
        Options.Create(new IngestionOptions { HypotheticalQuestions = questions }),
        new FixedOptions<LlmOptions>(TestLlm.Options(timeoutSeconds)),
        (logs ?? NullLoggerFactory.Instance).CreateLogger<HypotheticalQuestionGenerator>());

    public HypotheticalQuestionGenerator Generator(int questions, ILoggerFactory? logs = null) => Generator(Chat, questions, logs);

    private string Reply(string prompt)
    {
        var passages = new List<object>();
        foreach (Match match in Passage().Matches(prompt))
        {
            var text = match.Groups["text"].Value;
            lock (PassagesAsked)
            {
                PassagesAsked.Add(text);
            }

            var cue = _questionsByCue.Keys.FirstOrDefault(k => text.Contains(k, StringComparison.OrdinalIgnoreCase));
            passages.Add(new { id = int.Parse(match.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture), questions = cue is null ? [] : _questionsByCue[cue] });
        }

        return JsonSerializer.Serialize(new { passages }, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    [GeneratedRegex(@"^\[(?<id>\d+)\] \(language: [^)]*\)[^\n]*\n(?<text>.*?)(?=\n\n\[\d+\] \(language:|\n*\z)", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Passage();
}
