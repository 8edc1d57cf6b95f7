using Mamori.Accounts;
using Mamori.Audit;
using Mamori.Common;
using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Campaigns;

/// <summary>The per-facility lists a campaign counts by (departments with head counts, job types) and who manages which department.</summary>
public sealed class DepartmentService(MamoriDbContext db, TimeProvider clock, AuditLog audit)
{
    public const int NameMaxLength = 50;
    public const int MaxHeadcount = 100_000;

    /// <summary>The setup screen's data; the defaults are created the first time a facility's admin opens it.</summary>
    public async Task<DepartmentSetup> GetSetupAsync(Actor actor, Guid facilityId, CancellationToken ct = default)
    {
        await RequireAdminAsync(actor, facilityId, ct);
        await EnsureDefaultsAsync(actor, facilityId, ct);
        var departments = await db.Set<Department>().AsNoTracking().Where(d => d.FacilityId == facilityId)
            .OrderBy(d => d.Retired).ThenBy(d => d.SortOrder).ToListAsync(ct);
        var jobTypes = await db.Set<JobType>().AsNoTracking().Where(j => j.FacilityId == facilityId)
            .OrderBy(j => j.Retired).ThenBy(j => j.SortOrder).ToListAsync(ct);
        var departmentIds = departments.Select(d => d.Id).ToList();
        var managers = await (from m in db.Set<DepartmentManager>()
                              join u in db.Users on m.UserId equals u.Id
                              where departmentIds.Contains(m.DepartmentId)
                              orderby u.DisplayName
                              select new ManagerView(m.DepartmentId, u.Id, u.DisplayName, u.Email)).ToListAsync(ct);
        var people = await (from r in db.RoleAssignments
                            join u in db.Users on r.UserId equals u.Id
                            where r.FacilityId == facilityId && r.Role != Role.Vendor && !u.Disabled
                            select new PersonView(u.Id, u.DisplayName, u.Email)).Distinct().ToListAsync(ct);
        return new DepartmentSetup(departments, jobTypes, managers, people.OrderBy(p => p.Name).ToList());
    }

    /// <summary>The departments and job types a respondent can pick (not retired), in the facility's order.</summary>
    public async Task<(IReadOnlyList<Department> Departments, IReadOnlyList<JobType> JobTypes)> ActiveListsAsync(Guid facilityId, CancellationToken ct = default)
    {
        var departments = await db.Set<Department>().AsNoTracking().Where(d => d.FacilityId == facilityId && !d.Retired).OrderBy(d => d.SortOrder).ToListAsync(ct);
        var jobTypes = await db.Set<JobType>().AsNoTracking().Where(j => j.FacilityId == facilityId && !j.Retired).OrderBy(j => j.SortOrder).ToListAsync(ct);
        return (departments, jobTypes);
    }

    public async Task<Department> AddDepartmentAsync(Actor actor, Guid facilityId, string? name, int headcount, CancellationToken ct = default)
    {
        await RequireAdminAsync(actor, facilityId, ct);
        var department = new Department
        {
            FacilityId = facilityId,
            Name = await UniqueNameAsync<Department>(facilityId, name, "部門名", ct),
            Headcount = CheckHeadcount(headcount),
            SortOrder = await db.Set<Department>().Where(d => d.FacilityId == facilityId).Select(d => (int?)d.SortOrder).MaxAsync(ct) + 1 ?? 0,
        };
        db.Add(department);
        audit.Record(actor, "department.create", "department", department.Id, detail: $"{department.Name} ({department.Headcount})");
        await SaveAsync(ct);
        return department;
    }

    public async Task UpdateDepartmentAsync(Actor actor, Guid id, string? name, int headcount, bool retired, int seenRevision, CancellationToken ct = default)
    {
        var department = await db.Set<Department>().FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw new NotFoundException("部門が見つかりません。");
        await RequireAdminAsync(actor, department.FacilityId, ct);
        if (department.Revision != seenRevision)
        {
            throw new ConflictException("この部門は他の人が先に変更しました。画面を再読み込みしてから操作してください。");
        }
        department.Name = await UniqueNameAsync<Department>(department.FacilityId, name, "部門名", ct, except: id);
        department.Headcount = CheckHeadcount(headcount);
        department.Retired = retired;
        audit.Record(actor, "department.update", "department", id, detail: $"{department.Name} ({department.Headcount}){(retired ? " retired" : "")}");
        await SaveAsync(ct);
    }

    public async Task<JobType> AddJobTypeAsync(Actor actor, Guid facilityId, string? name, CancellationToken ct = default)
    {
        await RequireAdminAsync(actor, facilityId, ct);
        var jobType = new JobType
        {
            FacilityId = facilityId,
            Name = await UniqueNameAsync<JobType>(facilityId, name, "職種名", ct),
            SortOrder = await db.Set<JobType>().Where(j => j.FacilityId == facilityId).Select(j => (int?)j.SortOrder).MaxAsync(ct) + 1 ?? 0,
        };
        db.Add(jobType);
        audit.Record(actor, "jobtype.create", "jobtype", jobType.Id, detail: jobType.Name);
        await SaveAsync(ct);
        return jobType;
    }

    public async Task UpdateJobTypeAsync(Actor actor, Guid id, string? name, bool retired, int seenRevision, CancellationToken ct = default)
    {
        var jobType = await db.Set<JobType>().FirstOrDefaultAsync(j => j.Id == id, ct) ?? throw new NotFoundException("職種が見つかりません。");
        await RequireAdminAsync(actor, jobType.FacilityId, ct);
        if (jobType.Revision != seenRevision)
        {
            throw new ConflictException("この職種は他の人が先に変更しました。画面を再読み込みしてから操作してください。");
        }
        jobType.Name = await UniqueNameAsync<JobType>(jobType.FacilityId, name, "職種名", ct, except: id);
        jobType.Retired = retired;
        audit.Record(actor, "jobtype.update", "jobtype", id, detail: $"{jobType.Name}{(retired ? " retired" : "")}");
        await SaveAsync(ct);
    }

    /// <summary>Makes a user of the facility the manager of a department: they then see that department's results.</summary>
    public async Task AssignManagerAsync(Actor actor, Guid departmentId, Guid userId, CancellationToken ct = default)
    {
        var department = await db.Set<Department>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == departmentId, ct) ?? throw new NotFoundException("部門が見つかりません。");
        await RequireAdminAsync(actor, department.FacilityId, ct);
        var belongs = await db.RoleAssignments.AnyAsync(r => r.UserId == userId && r.FacilityId == department.FacilityId && r.Role != Role.Vendor, ct);
        if (!belongs)
        {
            throw new InvalidInputException("部門の管理者には、この医療機関のユーザーを選んでください。", "userId");
        }
        if (await db.Set<DepartmentManager>().AnyAsync(m => m.DepartmentId == departmentId && m.UserId == userId, ct))
        {
            return;
        }
        db.Add(new DepartmentManager { DepartmentId = departmentId, UserId = userId, AssignedAt = clock.GetUtcNow() });
        audit.Record(actor, "department.manager.assign", "department", departmentId, detail: $"user {userId}");
        await SaveAsync(ct);
    }

    public async Task RemoveManagerAsync(Actor actor, Guid departmentId, Guid userId, CancellationToken ct = default)
    {
        var department = await db.Set<Department>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == departmentId, ct) ?? throw new NotFoundException("部門が見つかりません。");
        await RequireAdminAsync(actor, department.FacilityId, ct);
        var manager = await db.Set<DepartmentManager>().FirstOrDefaultAsync(m => m.DepartmentId == departmentId && m.UserId == userId, ct);
        if (manager is null)
        {
            return;
        }
        db.Remove(manager);
        audit.Record(actor, "department.manager.remove", "department", departmentId, detail: $"user {userId}");
        await SaveAsync(ct);
    }

    /// <summary>The departments of a facility this user manages (none for most people).</summary>
    public async Task<IReadOnlyList<Guid>> ManagedDepartmentsAsync(Actor actor, Guid facilityId, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId || !actor.CanSeeFacility(facilityId))
        {
            return [];
        }
        return await (from m in db.Set<DepartmentManager>()
                      join d in db.Set<Department>() on m.DepartmentId equals d.Id
                      where m.UserId == userId && d.FacilityId == facilityId
                      select d.Id).ToListAsync(ct);
    }

    /// <summary>
    /// The issue's default departments and job types, made once per facility: only while it has neither, so a
    /// list the admin has edited is never refilled. Two first visits at once meet the unique index; the loser
    /// finds the lists made.
    /// </summary>
    public async Task EnsureDefaultsAsync(Actor actor, Guid facilityId, CancellationToken ct = default)
    {
        if (await db.Set<Department>().AnyAsync(d => d.FacilityId == facilityId, ct) || await db.Set<JobType>().AnyAsync(j => j.FacilityId == facilityId, ct))
        {
            return;
        }
        db.AddRange(DepartmentDefaults.Departments.Select((name, i) => new Department { FacilityId = facilityId, Name = name, SortOrder = i }));
        db.AddRange(DepartmentDefaults.JobTypes.Select((name, i) => new JobType { FacilityId = facilityId, Name = name, SortOrder = i }));
        audit.Record(actor, "department.defaults", "facility", facilityId);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task RequireAdminAsync(Actor actor, Guid facilityId, CancellationToken ct)
    {
        if (!actor.CanSeeFacility(facilityId) || !await db.Facilities.AnyAsync(f => f.Id == facilityId, ct))
        {
            throw new NotFoundException("医療機関が見つかりません。");
        }
        if (!actor.Has(facilityId, Role.Admin))
        {
            throw new ForbiddenException("部門・職種を設定できるのはシステム管理者です。");
        }
    }

    private async Task<string> UniqueNameAsync<T>(Guid facilityId, string? name, string label, CancellationToken ct, Guid? except = null)
        where T : class
    {
        var text = Text.Required(name, NameMaxLength, "name", label);
        var taken = typeof(T) == typeof(Department)
            ? await db.Set<Department>().AnyAsync(d => d.FacilityId == facilityId && d.Name == text && d.Id != except, ct)
            : await db.Set<JobType>().AnyAsync(j => j.FacilityId == facilityId && j.Name == text && j.Id != except, ct);
        return taken ? throw new InvalidInputException("「{0}」は既に登録されています。", [text], "name") : text;
    }

    private static int CheckHeadcount(int headcount) =>
        headcount is < 0 or > MaxHeadcount ? throw new InvalidInputException("職員数は0から{0}までの数で入力してください。", [MaxHeadcount], "headcount") : headcount;

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("他の人が同時に変更しました。画面を再読み込みしてから操作してください。");
        }
        catch (DbUpdateException)
        {
            // The unique name index: someone added the same name a moment ago.
            throw new ConflictException("同じ名前が同時に登録されました。画面を再読み込みしてください。");
        }
    }
}

public sealed record ManagerView(Guid DepartmentId, Guid UserId, string Name, string? Email);

public sealed record PersonView(Guid UserId, string Name, string? Email);

public sealed record DepartmentSetup(IReadOnlyList<Department> Departments, IReadOnlyList<JobType> JobTypes, IReadOnlyList<ManagerView> Managers, IReadOnlyList<PersonView> People);
