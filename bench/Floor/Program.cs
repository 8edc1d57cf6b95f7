using System.Text.Encodings.Web;
using System.Text.Unicode;
using Mamori.Floor;
using Microsoft.Extensions.WebEncoders;

// What ASP.NET Core does on this machine with nothing of Mamori's: no database, no sign-in, no access log. The
// checklist page's rows come from the catalog folder given as --catalog.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddRazorPages();
// As Mamori: Japanese written as UTF-8, not as character references.
builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
builder.Services.AddSingleton(Checklists.Read(builder.Configuration["catalog"] ?? throw new ArgumentException("--catalog <folder> is required")));
var app = builder.Build();
app.MapGet("/healthz", () => "Healthy");
app.MapRazorPages();
app.Run();
