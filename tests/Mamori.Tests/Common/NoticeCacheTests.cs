using Mamori.Common;
using Microsoft.Extensions.Time.Testing;

namespace Mamori.Tests.Common;

public sealed class NoticeCacheTests
{
    // Time moves only when a test moves it: with real time running, a slow machine crossed the lifetime between two reads.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero));
    private int _loads;

    private Task<string> LoadAsync(NoticeCache cache, string key = "k") =>
        cache.GetOrLoadAsync(key, () => Task.FromResult($"load {++_loads}"));

    [Fact]
    public async Task A_notice_is_read_once_within_its_lifetime_and_again_after_it()
    {
        var cache = new NoticeCache(_clock);
        Assert.Equal("load 1", await LoadAsync(cache));
        _clock.Advance(NoticeCache.Lifetime - TimeSpan.FromMilliseconds(1));
        Assert.Equal("load 1", await LoadAsync(cache));
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("load 2", await LoadAsync(cache));
    }

    [Fact]
    public async Task A_change_makes_every_notice_read_again_at_once()
    {
        var cache = new NoticeCache(_clock);
        await LoadAsync(cache, "a");
        await LoadAsync(cache, "b");
        cache.Changed();
        Assert.Equal("load 3", await LoadAsync(cache, "a"));
        Assert.Equal("load 4", await LoadAsync(cache, "b"));
        Assert.Equal("load 4", await LoadAsync(cache, "b"));
    }

    [Fact]
    public async Task A_load_overtaken_by_a_change_is_not_reused()
    {
        var cache = new NoticeCache(_clock);
        var first = await cache.GetOrLoadAsync("k", () =>
        {
            cache.Changed(); // someone confirms a report while the banner is being read
            return Task.FromResult("stale");
        });
        Assert.Equal("stale", first);
        Assert.Equal("load 1", await LoadAsync(cache));
    }

    [Fact]
    public async Task Different_keys_are_kept_apart()
    {
        var cache = new NoticeCache(_clock);
        Assert.Equal("load 1", await LoadAsync(cache, "facility-a"));
        Assert.Equal("load 2", await LoadAsync(cache, "facility-b"));
        Assert.Equal("load 1", await LoadAsync(cache, "facility-a"));
    }
}
