namespace Assistant.Bot.Cli;

internal static class AnswerJson
{
    public static string Serialize(Assistant.Rag.Generation.Answer answer) => System.Text.Json.JsonSerializer.Serialize(answer);
}
