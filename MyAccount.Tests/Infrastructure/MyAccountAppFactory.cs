using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace MyAccount.Tests.Infrastructure;

/// <summary>
/// The real app in Development on a fresh SQLite file of its own: migrations and demo data run at start-up as they do
/// for a developer. The file is deleted with the factory.
/// </summary>
public class MyAccountAppFactory : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "myaccount-tests", Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(_directory, "myaccount.db");

    public string Environment { get; init; } = "Development";

    /// <summary>Extra settings, seen by Program.cs before the app is built.</summary>
    public Dictionary<string, string?> Settings { get; init; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("ConnectionStrings:MyAccount", $"Data Source={DatabasePath}");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see each one.</summary>
    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs in through the development sign-in as a demo persona and returns the signed-in client.</summary>
    public async Task<HttpClient> SignInAsync(string persona)
    {
        var client = CreateBrowserLikeClient();
        var response = await client.GetAsync($"/dev/signin?persona={persona}");
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in as {persona} answered {(int)response.StatusCode}.");
        }

        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}
