using Microsoft.Playwright;

namespace Mamori.EndToEndTests.PageObjects;

/// <summary>/facilities/{id}/vendors: the register of systems and their vendors, with the form that adds one.</summary>
public sealed class VendorsPage(IPage page, Guid facilityId)
{
    public IPage Page { get; } = page;

    public Guid FacilityId { get; } = facilityId;

    /// <summary>Opens the register from the facility's page, by its link, as a person does.</summary>
    public static async Task<VendorsPage> OpenAsync(IPage page, Guid facilityId)
    {
        await page.GotoAsync($"/facilities/{facilityId}");
        await page.ClickAndWaitAsync(page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "システムと事業者", Exact = true }));
        return new VendorsPage(page, facilityId);
    }

    public ILocator Rows => Page.Locator("table.vendors tbody tr");

    public ILocator Row(string systemName) => Rows.Filter(new() { HasText = systemName });

    /// <summary>Fills the add form (kind by its label, e.g. 電子カルテ) and saves it.</summary>
    public async Task AddAsync(string kind, string system, string company, string email, string? person = null, string? phone = null,
        DateOnly? from = null, DateOnly? until = null, string? remoteMethod = null, string? memo = null)
    {
        var form = Page.Locator("#vendor-save");
        await form.GetByLabel("システムの種類").SelectOptionAsync(new SelectOptionValue { Label = kind });
        await form.GetByLabel("システム名").FillAsync(system);
        await form.GetByLabel("事業者名").FillAsync(company);
        await form.GetByLabel("メールアドレス").FillAsync(email);
        if (person is not null)
        {
            await form.GetByLabel("担当者").FillAsync(person);
        }
        if (phone is not null)
        {
            await form.GetByLabel("電話番号").FillAsync(phone);
        }
        if (from is { } f)
        {
            await form.GetByLabel("開始日").FillAsync(f.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
        if (until is { } u)
        {
            await form.GetByLabel("終了日").FillAsync(u.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
        if (remoteMethod is not null)
        {
            await form.GetByRole(AriaRole.Checkbox, new() { Name = "リモート保守あり" }).CheckAsync();
            await form.GetByLabel("接続方法").FillAsync(remoteMethod);
        }
        if (memo is not null)
        {
            await form.GetByLabel("メモ").FillAsync(memo);
        }
        await Page.ClickAndWaitAsync(form.GetByRole(AriaRole.Button, new() { Name = "登録", Exact = true }));
    }

    /// <summary>Opens a row's edit form and uploads its MDS/SDS with version and date.</summary>
    public async Task UploadMdsAsync(string systemName, string filePath, string version, DateOnly date)
    {
        await Page.ClickAndWaitAsync(Row(systemName).GetByRole(AriaRole.Link, new() { Name = "編集" }));
        var form = Page.Locator("#vendor-mds");
        await form.Locator("input[type=file]").SetInputFilesAsync(filePath);
        await form.GetByLabel("版").FillAsync(version);
        await form.GetByLabel("MDS/SDSの日付").FillAsync(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Page.ClickAndWaitAsync(form.GetByRole(AriaRole.Button, new() { Name = "MDS/SDSを登録" }));
    }
}
