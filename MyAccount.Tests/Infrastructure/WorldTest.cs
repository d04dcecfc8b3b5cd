namespace MyAccount.Tests.Infrastructure;

/// <summary>Base for service tests over the small <see cref="TestWorld"/>: a fresh SQLite database per test.</summary>
public abstract class WorldTest : IAsyncLifetime
{
    protected DomainFixture Fixture { get; private set; } = null!;

    protected TestWorld World { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Fixture = await DomainFixture.CreateAsync();
        World = await TestWorld.CreateAsync(Fixture);
        await SetUpAsync();
    }

    /// <summary>More arrangement shared by a class's tests, after the world exists.</summary>
    protected virtual Task SetUpAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Fixture.DisposeAsync();
}
