using Assistant.Rag.Memory;
using Microsoft.Extensions.Time.Testing;

namespace Assistant.Rag.Tests.Memory;

public sealed class InProcessDeduplicatorTests : DeduplicatorContractTests
{
    private readonly FakeTimeProvider _time = new();

    protected override IDeduplicator Create() => new InProcessDeduplicator(_time);

    protected override Task ElapseAsync(TimeSpan time)
    {
        _time.Advance(time);
        return Task.CompletedTask;
    }
}
