using Mamori.Catalog;

namespace Mamori.Tests.Campaigns;

/// <summary>Every × after a campaign response shows guidance, so every staff item must carry some.</summary>
public sealed class StaffGuidanceTests
{
    [Fact]
    public void Every_staff_item_has_guidance_in_japanese()
    {
        var staff = CatalogStore.LoadEmbedded().FindChecklist("mhlw-2021-10", "staff")!;
        Assert.All(staff.Items, i =>
        {
            Assert.False(string.IsNullOrWhiteSpace(i.Guidance), $"item {i.Number} has no guidance");
            Assert.True(Fixtures.ApiCalls.IsJapanese(i.Guidance), $"item {i.Number}: guidance is not Japanese");
        });
    }
}
