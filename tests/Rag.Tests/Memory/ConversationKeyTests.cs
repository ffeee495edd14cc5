using Assistant.Rag.Memory;

namespace Assistant.Rag.Tests.Memory;

public sealed class ConversationKeyTests
{
    [Fact]
    public void UserControlledPartsCannotSteerTheKeyIntoAnotherConversation()
    {
        // Without length-prefixed hashing these two would both read "a:b" + ":" + "c".
        var one = ConversationKey.For(new Turn("slack", "a:b", "u", "t", ThreadId: "c"), "assistant");
        var two = ConversationKey.For(new Turn("slack", "a", "u", "t", ThreadId: "b:c"), "assistant");
        var hostile = ConversationKey.For(new Turn("playground", "x\r\n*:assistant:conv:teams", "u", "t"), "assistant");

        Assert.NotEqual(one, two);
        Assert.Matches("^assistant:conv:playground:[0-9a-f]{16}:[0-9a-f]{64}$", hostile.Value);
    }

    [Fact]
    public void TheChannelIsReducedToSafeCharactersAndTheTenantHasItsOwnSegment()
    {
        var key = ConversationKey.For(new Turn("Te ams:*", "c", "u", "t", TenantId: "tenant-1"), "assistant");
        var otherTenant = ConversationKey.For(new Turn("Te ams:*", "c", "u", "t", TenantId: "tenant-2"), "assistant");

        Assert.StartsWith("assistant:conv:teams:", key.Value, StringComparison.Ordinal);
        Assert.NotEqual(key.Value.Split(':')[3], otherTenant.Value.Split(':')[3]);
    }

    [Fact]
    public void TheSameConversationAlwaysGetsTheSameKey()
    {
        var turn = new Turn("teams", "19:abc@thread.v2", "u", "first", TenantId: "t");

        Assert.Equal(ConversationKey.For(turn, "assistant"), ConversationKey.For(turn with { Text = "second", UserId = "other" }, "assistant"));
    }
}
