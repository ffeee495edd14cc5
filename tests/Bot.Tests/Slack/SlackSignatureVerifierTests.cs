using System.Text;
using Assistant.Bot.Slack;

namespace Assistant.Bot.Tests.Slack;

public sealed class SlackSignatureVerifierTests
{
    // The official example from Slack's "Verifying requests from Slack" page (protocols.md D1).
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string Timestamp = "1531420618";
    private const string Body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private const string Expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(1531420618);

    [Fact]
    public void SlacksOfficialTestVectorIsValid()
    {
        var verifier = new SlackSignatureVerifier(Secret, new FixedTime(SignedAt.AddSeconds(30)));

        Assert.Equal(SignatureCheck.Valid, verifier.Verify(Timestamp, Expected, Encoding.UTF8.GetBytes(Body)));
        Assert.Equal(Expected, verifier.Sign(Timestamp, Encoding.UTF8.GetBytes(Body)));
    }

    [Theory]
    [InlineData(-299, "Valid")]
    [InlineData(299, "Valid")]
    [InlineData(301, "Stale")]
    [InlineData(-301, "Stale")]
    [InlineData(86_400, "Stale")]
    public void TimestampsMoreThanFiveMinutesFromNowAreStale(int secondsLater, string expected)
    {
        var verifier = new SlackSignatureVerifier(Secret, new FixedTime(SignedAt.AddSeconds(secondsLater)));

        Assert.Equal(Enum.Parse<SignatureCheck>(expected), verifier.Verify(Timestamp, Expected, Encoding.UTF8.GetBytes(Body)));
    }

    [Theory]
    [InlineData(null, Expected, "Missing")]
    [InlineData(Timestamp, null, "Missing")]
    [InlineData(Timestamp, "", "Missing")]
    [InlineData("15314206l8", Expected, "Mismatch")]
    [InlineData("-1531420618", Expected, "Mismatch")]
    [InlineData(Timestamp, "v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", "Mismatch")]
    [InlineData(Timestamp, "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b504", "Mismatch")]
    [InlineData(Timestamp, "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b5", "Mismatch")]
    [InlineData(Timestamp, "v0=zz114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", "Mismatch")]
    [InlineData("1531420619", Expected, "Mismatch")]
    public void MissingMalformedOrWrongSignaturesAreRefused(string? timestamp, string? signature, string expected)
    {
        var verifier = new SlackSignatureVerifier(Secret, new FixedTime(SignedAt));

        Assert.Equal(Enum.Parse<SignatureCheck>(expected), verifier.Verify(timestamp, signature, Encoding.UTF8.GetBytes(Body)));
    }

    [Fact]
    public void AnyChangeToTheBodyOrTheSecretBreaksTheSignature()
    {
        var time = new FixedTime(SignedAt);

        Assert.Equal(SignatureCheck.Mismatch, new SlackSignatureVerifier(Secret, time).Verify(Timestamp, Expected, Encoding.UTF8.GetBytes(Body + " ")));
        Assert.Equal(SignatureCheck.Mismatch, new SlackSignatureVerifier(Secret + "x", time).Verify(Timestamp, Expected, Encoding.UTF8.GetBytes(Body)));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
