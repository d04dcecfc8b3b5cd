using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Persistence;
using MyAccount.Tests.Api;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Billing;

/// <summary>
/// Two app processes' worth of hosts on one database (PostgreSQL in the suite's PostgreSQL run, a shared SQLite file otherwise)
/// bill the same period at the same moment: exactly one invoice per account, numbers gapless.
/// </summary>
public sealed class TwoHostBillingTests
{
    private static Dictionary<string, string?> Settings() => new()
    {
        ["DemoData:Enabled"] = "false",
        ["Operator:ApiKey"] = OperatorApiFactory.Key,
        ["Billing:InvoiceEmails:Enabled"] = "false",
        ["Billing:Charging:Enabled"] = "false",
    };

    private static HttpClient Operator(MyAccountAppFactory app)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorApiFactory.Key);
        return client;
    }

    private static async Task<JsonNode?> PostAsync(HttpClient client, string path, string json)
    {
        var response = await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(text);
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    [Fact]
    public async Task Two_hosts_billing_one_period_at_once_post_one_invoice_per_account_with_gapless_numbers()
    {
        var sqlite = Path.Combine(Path.GetTempPath(), $"myaccount-two-hosts-{Guid.NewGuid():N}.db");
        var postgreSql = TestDatabase.IsPostgreSql ? await TestDatabase.CreatePostgreSqlAsync() : null;
        try
        {
            await using var first = new MyAccountAppFactory { Settings = Settings(), SharedSqlitePath = sqlite, SharedPostgreSql = postgreSql };
            var a = Operator(first);
            await using var second = new MyAccountAppFactory { Settings = Settings(), SharedSqlitePath = sqlite, SharedPostgreSql = postgreSql, Clock = first.Clock };
            var b = Operator(second);

            var month = first.CurrentMonth.Previous;
            await PostAsync(a, "/api/v1/products", """{"code":"two-hosts","name":"Two hosts","unit":"requests","usageTypes":["call"]}""");
            const int accounts = 30;
            for (var i = 0; i < accounts; i++)
            {
                var id = (await PostAsync(a, "/api/v1/accounts", $$"""{"name":"Account {{i:D2}}","currency":"USD"}"""))!["id"]!.GetValue<string>();
                await PostAsync(a, $"/api/v1/accounts/{id}/subscriptions",
                    $$"""{"productCode":"two-hosts","monthlyFee":"10.00","includedVolume":100,"overage":{"model":"unit","unitPrice":"0.01"},"startsOn":"{{month.FirstDay:yyyy-MM-dd}}"}""");
            }

            var body = $$"""{"period":"{{month}}"}""";
            var runs = await Task.WhenAll(
                Task.Run(() => PostAsync(a, "/api/v1/billing/runs", body)),
                Task.Run(() => PostAsync(b, "/api/v1/billing/runs", body)),
                Task.Run(() => PostAsync(b, "/api/v1/billing/runs", body)));

            runs.Sum(r => r!["invoicesPosted"]!.GetValue<int>()).Should().Be(accounts, "each account is billed by exactly one of the runs");
            await using var db = await second.Services.GetRequiredService<IDbContextFactory<MyAccountDbContext>>().CreateDbContextAsync();
            var invoices = await db.Invoices.Select(i => new { i.AccountId, i.SequenceNumber, i.Number }).ToListAsync();
            invoices.Should().HaveCount(accounts);
            invoices.Select(i => i.AccountId).Should().OnlyHaveUniqueItems();
            invoices.Select(i => i.SequenceNumber).Order().Should().Equal(Enumerable.Range(1, accounts).Select(n => (long)n));
            invoices.Should().Contain(i => i.Number == Invoice.FormatNumber(accounts));
        }
        finally
        {
            if (postgreSql is not null)
            {
                await TestDatabase.DropAsync(postgreSql);
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var path in new[] { sqlite, sqlite + "-wal", sqlite + "-shm" })
            {
                File.Delete(path);
            }
        }
    }
}
