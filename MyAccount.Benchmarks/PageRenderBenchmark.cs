using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Accounts;
using MyAccount.Domain.Common;
using MyAccount.Domain.Demo;
using MyAccount.Domain.Members;
using MyAccount.Domain.Persistence;

namespace MyAccount.Benchmarks;

/// <summary>
/// The Users page's server render time (the prerendered HTML of <c>/account/users</c> over loopback HTTP) for an account
/// with 50 members and one with 5,000: the page shows one page of 25 either way, so the time should barely move.
/// </summary>
internal static class PageRenderBenchmark
{
    public static async Task RunAsync()
    {
        await using var app = new BenchmarkApp("Development");
        var factory = app.Services.GetRequiredService<IDbContextFactory<MyAccountDbContext>>();
        var small = await SeedAccountAsync(factory, "Fifty members", 50);
        var large = await SeedAccountAsync(factory, "Five thousand members", 5_000);

        var browser = app.Browser();
        (await browser.GetAsync("/dev/signin?persona=admin")).EnsureSuccessStatusCodeOrRedirect();
        foreach (var (name, account) in new[] { ("50 members", small), ("5,000 members", large) })
        {
            (await browser.GetAsync($"/account/switch?account={account}&returnUrl=/account/users")).EnsureSuccessStatusCodeOrRedirect();
            for (var i = 0; i < 10; i++)
            {
                await browser.GetStringAsync("/account/users");
            }

            var times = new List<double>();
            for (var i = 0; i < 30; i++)
            {
                var watch = Stopwatch.StartNew();
                var html = await browser.GetStringAsync("/account/users");
                times.Add(watch.Elapsed.TotalMilliseconds);
                if (!html.Contains("member0000@", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException("The page did not render the account's members.");
                }
            }

            times.Sort();
            Console.WriteLine($"users page: {name}: median {times[times.Count / 2]:F1} ms, p90 {times[(int)(times.Count * 0.9)]:F1} ms (server render over loopback, 30 requests)");
        }
    }

    private static async Task<AccountId> SeedAccountAsync(IDbContextFactory<MyAccountDbContext> factory, string name, int members)
    {
        await using var db = await factory.CreateDbContextAsync();
        var now = DateTime.UtcNow;
        var account = new Account(name, Currency.Usd, "Etc/UTC", now);
        db.Accounts.Add(account);
        var admin = new Member(account.Id, "admin@bench.example.com", null, MemberPermissions.All, [], now);
        admin.BindIdentity(DemoPersonas.Admin.Identity);
        db.Members.Add(admin);
        for (var i = 0; i < members - 1; i++)
        {
            db.Members.Add(new Member(account.Id, $"member{i:D4}@bench.example.com", i % 3 == 0 ? "+1 312 555 0100" : null,
                new MemberPermissions(i % 10 == 0, i % 20 == 0), [], now));
        }

        await db.SaveChangesAsync();
        return account.Id;
    }

    private static void EnsureSuccessStatusCodeOrRedirect(this HttpResponseMessage response)
    {
        if ((int)response.StatusCode >= 400)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}.");
        }
    }
}
