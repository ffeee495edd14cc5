using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Cli;

/// <summary>
/// Turns a setting that failed validation into the one line the command line prints: the setting, and what it
/// should be. Only when this assembly is the process's entry point: under WebApplicationFactory the test host calls
/// <c>Main</c>, and the exception (like the host's own abort signal) must reach the factory unchanged.
/// </summary>
internal static partial class StartupFailure
{
    /// <summary>True when the process was started as this program (not a test host calling its entry point).</summary>
    public static bool IsOwnProcess { get; } = Assembly.GetEntryAssembly() == typeof(StartupFailure).Assembly;

    /// <summary>The line to print for <paramref name="exception"/>, or null when it is not a settings failure.</summary>
    public static string? Describe(Exception exception)
    {
        var failures = Flatten(exception).ToList();
        if (failures.Count == 0 || failures.Count != Inner(exception).Count())
        {
            return null;
        }

        var details = failures.SelectMany(f => f.Failures.Select(message => Detail(f.OptionsType, message))).Distinct(StringComparer.Ordinal);
        return "Invalid setting: " + string.Join(" ", details);
    }

    /// <summary>Runs the options validation that <c>ValidateOnStart</c> would run inside the host's start, where a failure would be logged with its stack trace.</summary>
    /// <exception cref="OptionsValidationException">A setting is invalid.</exception>
    public static void ValidateSettings(IServiceProvider services) =>
        services.GetService<IStartupValidator>()?.Validate();

    private static IEnumerable<Exception> Inner(Exception exception) =>
        exception is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [exception];

    private static IEnumerable<OptionsValidationException> Flatten(Exception exception) =>
        Inner(exception).OfType<OptionsValidationException>();

    // DataAnnotations word their failures "DataAnnotation validation failed for 'AnswerOptions' members: 'MaxSentences'
    // with the error: 'The field MaxSentences must be between 1 and 10.'."; that becomes the configuration key and the
    // rule. Validators of our own already name the key ("Teams:AppId must be …") and are kept as they are.
    private static string Detail(Type optionsType, string message)
    {
        var match = DataAnnotationFailure().Match(message);
        if (!match.Success)
        {
            return EndSentence(message);
        }

        var section = optionsType.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string;
        var key = section is null ? $"{optionsType.Name}.{match.Groups["member"].Value}" : $"{section}:{match.Groups["member"].Value}";
        return $"{key}: {EndSentence(match.Groups["error"].Value)}";
    }

    private static string EndSentence(string text) =>
        text.TrimEnd().EndsWith('.') ? text.TrimEnd() : text.TrimEnd() + ".";

    [GeneratedRegex(@"members: '(?<member>[^']+)' with the error: '(?<error>.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();
}
