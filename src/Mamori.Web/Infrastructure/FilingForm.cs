using Mamori.Common;
using Mamori.Incidents;

namespace Mamori.Web.Infrastructure;

/// <summary>A report to an authority as the page and the API send it: the same fields, the same messages.</summary>
public static class FilingForm
{
    public static FilingInput Read(string? kind, string? method, string? recipient, string? reference, string? at, string? note)
    {
        var k = Deadlines.ParseKind(kind)
            ?? throw new InvalidInputException("報告の種類（kind）は mhlw / ppc-preliminary / ppc-final / police のいずれかを指定してください。", "kind");
        var m = FilingMethods.Parse(method)
            ?? throw new InvalidInputException("報告の方法（電話・Webフォーム・メール・その他）を選んでください。", "method");
        DateTimeOffset? when = string.IsNullOrWhiteSpace(at) ? null : IncidentRules.ParseMoment(at, "at", "報告日時");
        return new FilingInput(k, m, recipient, reference, when, note);
    }
}
