using Mamori.Facilities;

namespace Mamori.Web.Pages.Facilities;

/// <summary>The fields of the facility form, shared by the create and edit screens.</summary>
public sealed class FacilityForm
{
    public string? Name { get; set; }
    public string? Kind { get; set; } = FacilityKind.Clinic.ToKey();
    public bool OnlineQualification { get; set; }

    public FacilityKind ParsedKind => FacilityKinds.Parse(Kind)
        ?? throw new Mamori.Common.InvalidInputException("医療機関の種別を選択してください。", "Form.Kind");
}
