namespace Mamori.Tests.Fixtures;

/// <summary>Base of every test class that runs against the app: skips when its provider is not available here.</summary>
public abstract class IntegrationTest
{
    protected IntegrationTest(MamoriApp app)
    {
        if (app.SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }
        App = app;
    }

    protected MamoriApp App { get; }

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;
}
