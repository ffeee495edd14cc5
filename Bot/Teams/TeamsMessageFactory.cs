using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Assistant.Bot.Cards;
using Assistant.Rag.Feedback;
using Assistant.Rag.Generation;

namespace Assistant.Bot.Teams;

/// <summary>
/// Builds the activities the bot sends: the answer (text with [n] markers, the answer card, the Teams AI message
/// entity with the AI label and citations, and Teams' built-in feedback buttons), the welcome card and plain notes.
/// </summary>
/// <remarks>Stateless and thread-safe. See protocols.md B3, B5 and B6 for the shapes.</remarks>
internal sealed partial class TeamsMessageFactory(AdaptiveCardRenderer renderer)
{
    /// <summary>The content type of an Adaptive Card attachment.</summary>
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>Teams refuses more citations than this.</summary>
    public const int MaxCitations = 20;

    /// <summary>Citation names longer than this are cut.</summary>
    public const int MaxCitationNameLength = 80;

    /// <summary>Citation abstracts longer than this are cut.</summary>
    public const int MaxCitationAbstractLength = 160;

    /// <summary>The budget for a whole message, counted as Teams does (UTF-16 bytes); Teams' hard limit is about 100 KB.</summary>
    public const int MaxMessageBytes = 80 * 1024;

    /// <summary>The answer as a reply to <paramref name="inbound"/>.</summary>
    public JsonObject Answer(TeamsActivity inbound, AnswerView view, VoteValue? recordedVote = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        var answer = view.Answer;
        var text = CardMarkdown.Escape(view.Text);
        var message = Message(inbound, text);

        // A refused question was never searched: nothing to cite, nothing to vote on.
        if (!view.CanVote)
        {
            return message;
        }

        var card = renderer.Render(view, recordedVote, textShownOutside: true);
        message["attachments"] = new JsonArray(Attachment(card));
        message["entities"] = new JsonArray(MessageEntity(text, answer));
        message["channelData"] = new JsonObject { ["feedbackLoop"] = new JsonObject { ["type"] = "default" } };
        return message;
    }

    /// <summary>The welcome card, sent when the bot joins a conversation.</summary>
    public JsonObject Welcome(TeamsActivity inbound)
    {
        var message = Message(inbound, null);
        message.Remove("replyToId"); // sent to the conversation, not as a reply to the join event
        message["attachments"] = new JsonArray(Attachment(renderer.RenderWelcome()));
        return message;
    }

    /// <summary>A plain text message, e.g. "still loading".</summary>
    public JsonObject Note(TeamsActivity inbound, string text) => Message(inbound, text);

    /// <summary>The size Teams counts a message at: its JSON in UTF-16.</summary>
    public static int MessageBytes(JsonObject message) => message.ToJsonString(AdaptiveCardJson.Options).Length * 2;

    /// <summary>The Adaptive Card as an attachment.</summary>
    public static JsonObject Attachment(AdaptiveCard card) => new()
    {
        ["contentType"] = AdaptiveCardContentType,
        ["content"] = AdaptiveCardJson.ToJsonObject(card),
    };

    private static JsonObject Message(TeamsActivity inbound, string? text)
    {
        var message = new JsonObject
        {
            ["type"] = "message",
            ["from"] = new JsonObject { ["id"] = inbound.Recipient?.Id, ["name"] = inbound.Recipient?.Name },
            ["recipient"] = new JsonObject { ["id"] = inbound.From?.Id, ["name"] = inbound.From?.Name },
            ["conversation"] = new JsonObject { ["id"] = inbound.Conversation?.Id },
            ["replyToId"] = inbound.Id,
        };
        if (text is not null)
        {
            message["text"] = text;
            message["textFormat"] = "markdown";
        }

        return message;
    }

    /// <summary>
    /// The one root "Message" entity: the "AI generated" label when an LLM wrote the text, and one citation per
    /// [n] marker that occurs in the text (at most <see cref="MaxCitations"/>), numbered as the markers are.
    /// </summary>
    private static JsonObject MessageEntity(string text, Answer answer)
    {
        var used = CitationMarker().Matches(text)
            .Select(m => int.Parse(m.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture))
            .ToHashSet();
        var citations = new JsonArray();
        foreach (var citation in answer.Citations.Where(c => used.Contains(c.N)).OrderBy(c => c.N).Take(MaxCitations))
        {
            citations.Add(CitationClaim(citation));
        }

        var entity = new JsonObject
        {
            ["type"] = "https://schema.org/Message",
            ["@type"] = "Message",
            ["@context"] = "https://schema.org",
            ["@id"] = string.Empty,
        };

        // Teams' label reads "AI generated"; extractive answers are quoted from the sources, so they are not labelled.
        if (answer.Kind == AnswerKind.Generated)
        {
            entity["additionalType"] = new JsonArray("AIGeneratedContent");
        }

        entity["citation"] = citations;
        return entity;
    }

    private static JsonObject CitationClaim(Citation citation)
    {
        var name = CardText.Truncate(CardText.OneLine(citation.Title), MaxCitationNameLength);
        var appearance = new JsonObject
        {
            ["@type"] = "DigitalDocument",
            ["name"] = name.Length > 0 ? name : "Untitled",
        };
        if (Uri.TryCreate(citation.Url, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
        {
            appearance["url"] = url.AbsoluteUri;
        }

        var snippet = CardText.Truncate(CardText.OneLine(citation.Snippet), MaxCitationAbstractLength);
        appearance["abstract"] = snippet.Length > 0 ? snippet : appearance["name"]!.GetValue<string>();
        if (IconName(citation.Url) is { } icon)
        {
            appearance["image"] = new JsonObject { ["@type"] = "ImageObject", ["name"] = icon };
        }

        return new JsonObject
        {
            ["@type"] = "Claim",
            ["position"] = citation.N,
            ["appearance"] = appearance,
        };
    }

    // Teams shows one of its own file icons by name.
    private static string? IconName(string url)
    {
        var path = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : url;
        return Path.GetExtension(path).ToUpperInvariant() switch
        {
            ".PDF" => "PDF",
            ".DOC" or ".DOCX" => "Microsoft Word",
            ".XLS" or ".XLSX" => "Microsoft Excel",
            ".PPT" or ".PPTX" => "Microsoft PowerPoint",
            ".TXT" or ".MD" => "Text",
            _ => null,
        };
    }

    [GeneratedRegex(@"\[(\d{1,3})\]")]
    private static partial Regex CitationMarker();
}
