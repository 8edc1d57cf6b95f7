namespace Mamori.Facilities;

public enum FacilityKind
{
    Hospital,
    Clinic,
    DentalClinic,
    Pharmacy,
}

/// <summary>A 医療機関 (or 薬局). Every other record belongs to one.</summary>
public sealed class Facility
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public FacilityKind Kind { get; set; }

    /// <summary>Does オンライン資格確認等: adds the online-qualification list to the system administrator's work.</summary>
    public bool OnlineQualification { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public static class FacilityKinds
{
    public static string ToKey(this FacilityKind kind) => kind switch
    {
        FacilityKind.Hospital => "hospital",
        FacilityKind.Clinic => "clinic",
        FacilityKind.DentalClinic => "dental-clinic",
        FacilityKind.Pharmacy => "pharmacy",
    };

    public static string ToJapanese(this FacilityKind kind) => kind switch
    {
        FacilityKind.Hospital => "病院",
        FacilityKind.Clinic => "診療所",
        FacilityKind.DentalClinic => "歯科診療所",
        FacilityKind.Pharmacy => "薬局",
    };

    public static IReadOnlyList<FacilityKind> All { get; } = Enum.GetValues<FacilityKind>();

    public static FacilityKind? Parse(string? key) => All.Cast<FacilityKind?>().FirstOrDefault(k => k!.Value.ToKey() == key);
}
