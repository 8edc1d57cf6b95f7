using System.Text.Encodings.Web;
using System.Text.Unicode;
using Mamori.Assessments.Export;
using Mamori.Floor;
using Microsoft.Extensions.WebEncoders;

// What ASP.NET Core does on this machine with almost nothing of Mamori's: no database, no sign-in, no access log.
// Only Mamori's catalog (the rows' texts) and its xlsx builder, on rounds held in memory.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddRazorPages();
// As Mamori: Japanese written as UTF-8, not as character references.
builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
builder.Services.AddSingleton<Rounds>();
var app = builder.Build();
app.MapGet("/healthz", () => "Healthy");
app.MapGet("/xlsx/{checklist}", (string checklist, Rounds rounds) => rounds.Find(checklist) is { } view
    ? Results.File(AssessmentXlsx.Build(view), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    : Results.NotFound());
app.MapRazorPages();
app.Run();
