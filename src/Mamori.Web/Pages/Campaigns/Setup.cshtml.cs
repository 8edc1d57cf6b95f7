using Mamori.Campaigns;
using Mamori.Facilities;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Pages.Campaigns;

/// <summary>A facility's departments (with head counts), job types and department managers: the lists campaigns count by.</summary>
public sealed class SetupModel(FacilityService facilities, DepartmentService departments) : MamoriPage
{
    [BindProperty(SupportsGet = true)]
    public Guid FacilityId { get; set; }

    public Facility Facility { get; private set; } = null!;
    public DepartmentSetup Setup { get; private set; } = null!;

    public Task<IActionResult> OnGetAsync() => LoadAsync(LoadSetupAsync);

    public Task<IActionResult> OnPostAddDepartmentAsync(string? name, int headcount) =>
        Command(async a => await departments.AddDepartmentAsync(a, FacilityId, name, headcount), "部門を追加しました。");

    public Task<IActionResult> OnPostUpdateDepartmentAsync(Guid id, string? name, int headcount, bool retired, int revision) =>
        Command(a => departments.UpdateDepartmentAsync(a, id, name, headcount, retired, revision), "部門を保存しました。");

    public Task<IActionResult> OnPostAddJobTypeAsync(string? name) =>
        Command(async a => await departments.AddJobTypeAsync(a, FacilityId, name), "職種を追加しました。");

    public Task<IActionResult> OnPostUpdateJobTypeAsync(Guid id, string? name, bool retired, int revision) =>
        Command(a => departments.UpdateJobTypeAsync(a, id, name, retired, revision), "職種を保存しました。");

    public Task<IActionResult> OnPostAssignManagerAsync(Guid id, Guid userId) =>
        Command(a => departments.AssignManagerAsync(a, id, userId), "部門の管理者を設定しました。");

    public Task<IActionResult> OnPostRemoveManagerAsync(Guid id, Guid userId) =>
        Command(a => departments.RemoveManagerAsync(a, id, userId), "部門の管理者を外しました。");

    private Task<IActionResult> Command(Func<Mamori.Accounts.Actor, Task> command, string done) => TryAsync(async () =>
    {
        await command(await ActorAsync());
        Flash = done;
        return Redirect($"/facilities/{FacilityId}/campaigns/setup");
    }, async () =>
    {
        await LoadSetupAsync();
        return Page();
    });

    private async Task LoadSetupAsync()
    {
        var actor = await ActorAsync();
        Facility = await facilities.GetAsync(actor, FacilityId);
        Setup = await departments.GetSetupAsync(actor, FacilityId);
    }
}
