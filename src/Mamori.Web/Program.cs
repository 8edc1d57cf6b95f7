using Mamori.Web;
using Mamori.Web.Cli;

// One executable: `mamori` serves the web app; `mamori migrate|users|tokens …` are the operator's verbs.
if (CliVerbs.Handles(args))
{
    return await CliVerbs.RunAsync(args);
}

var app = WebApp.Build(args);
await WebApp.RunAsync(app);
return 0;

/// <summary>Entry point type, for WebApplicationFactory in the tests.</summary>
public partial class Program;
