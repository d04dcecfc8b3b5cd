using System.Globalization;
using System.Net.Http.Json;
using System.Text;

namespace MyAccount.Benchmarks.Capacity;

/// <summary>One seeded account: its id and the emails of its members (each can sign in through the benchmark host).</summary>
internal sealed record SeededAccount(Guid Id, IReadOnlyList<string> Members);

/// <summary>
/// The data the capacity runs work on, made through the operator API as a vendor would: one "dashboard" account with 25
/// members, and many small accounts with one member each; every account subscribes from three years back, has usage on
/// every day of the last 40 days and of its billed months' first days, and a year of invoices.
/// </summary>
internal sealed class CapacityWorld
{
    public const int HistoryMonths = 12;

    private CapacityWorld(SeededAccount dashboard, IReadOnlyList<SeededAccount> small, DateOnly firstPeriod)
    {
        Dashboard = dashboard;
        Small = small;
        NextPeriod = firstPeriod.AddMonths(HistoryMonths);
    }

    public SeededAccount Dashboard { get; }

    public IReadOnlyList<SeededAccount> Small { get; }

    /// <summary>The first month no account has been invoiced for yet.</summary>
    public DateOnly NextPeriod { get; private set; }

    /// <summary>The next month of the dashboard account alone (single-account runs ahead of the others).</summary>
    public DateOnly DashboardNextPeriod { get; set; }

    public static string Period(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static async Task<CapacityWorld> SeedAsync(HttpClient api, int smallAccounts, TimeProvider time)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-36);
        await PostAsync(api, "api/v1/products", new { code = "api", name = "Bench API", unit = "calls", usageTypes = new[] { "read", "write" } });
        var dashboard = await AccountAsync(api, "Capacity Dashboard Ltd", "dash", 25, first);
        var small = new List<SeededAccount>();
        await Parallel.ForEachAsync(Enumerable.Range(0, smallAccounts), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var account = await AccountAsync(api, $"Small Account {i:D4}", $"small{i:D4}", 1, first);
            lock (small)
            {
                small.Add(account);
            }
        });

        List<SeededAccount> all = [dashboard, .. small];
        await UsageAsync(api, all, first, today);
        for (var month = 0; month < HistoryMonths; month++)
        {
            await BillAsync(api, Period(first.AddMonths(month)), null);
        }

        var world = new CapacityWorld(dashboard, small, first);
        world.DashboardNextPeriod = world.NextPeriod;
        return world;
    }

    /// <summary>A billing run over every account for the next month; answers the invoices posted.</summary>
    public async Task<int> BillEveryoneAsync(HttpClient api)
    {
        var posted = await BillAsync(api, Period(NextPeriod), null);
        NextPeriod = NextPeriod.AddMonths(1);
        return posted;
    }

    /// <summary>A single-account run of the dashboard account for its next month: one invoice, one push.</summary>
    public async Task<int> BillDashboardAsync(HttpClient api)
    {
        var posted = await BillAsync(api, Period(DashboardNextPeriod), Dashboard.Id);
        DashboardNextPeriod = DashboardNextPeriod.AddMonths(1);
        return posted;
    }

    public static async Task<int> BillAsync(HttpClient api, string period, Guid? account)
    {
        using var response = await api.PostAsJsonAsync("api/v1/billing/runs", new { period, accountId = account });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Billing run {period} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<RunResult>())!.InvoicesPosted;
    }

    private static async Task<SeededAccount> AccountAsync(HttpClient api, string name, string prefix, int members, DateOnly first)
    {
        var id = (await PostAsync<Created>(api, "api/v1/accounts", new { name, currency = "USD" })).Id;
        var emails = new List<string>();
        for (var m = 0; m < members; m++)
        {
            var email = $"{prefix}-m{m:D2}@bench.example";
            await PostAsync(api, $"api/v1/accounts/{id}/members", new { email, canManageUsers = true, canManagePayment = true, products = new[] { "api" } });
            emails.Add(email);
        }

        await PostAsync(api, $"api/v1/accounts/{id}/subscriptions", new
        {
            productCode = "api", monthlyFee = "250.00", includedVolume = 10_000, overage = new { model = "unit", unitPrice = "0.01" },
            startsOn = first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        return new SeededAccount(id, emails);
    }

    private static async Task UsageAsync(HttpClient api, IReadOnlyList<SeededAccount> accounts, DateOnly first, DateOnly today)
    {
        var days = Enumerable.Range(0, HistoryMonths).Select(m => first.AddMonths(m)).Concat(Enumerable.Range(1, 40).Select(d => today.AddDays(-d))).ToList();
        var events = new StringBuilder();
        var count = 0;
        foreach (var account in accounts)
        {
            foreach (var day in days)
            {
                events.Append(count == 0 ? "" : ",").Append("{\"id\":\"seed-").Append(account.Id).Append('-').Append(day.DayNumber)
                    .Append("\",\"accountId\":\"").Append(account.Id).Append("\",\"productCode\":\"api\",\"usageType\":\"").Append(day.Day % 2 == 0 ? "read" : "write")
                    .Append("\",\"quantity\":").Append(300 + day.Day * 17).Append(",\"occurredAt\":\"").Append(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("T12:00:00Z\"}");
                if (++count == 5_000)
                {
                    await SendUsageAsync(api, events);
                    count = 0;
                }
            }
        }

        if (count > 0)
        {
            await SendUsageAsync(api, events);
        }
    }

    private static async Task SendUsageAsync(HttpClient api, StringBuilder events)
    {
        using var content = new StringContent("{\"events\":[" + events + "]}", Encoding.UTF8, "application/json");
        using var response = await api.PostAsync("api/v1/usage", content);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Usage answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        events.Clear();
    }

    private static async Task PostAsync(HttpClient api, string path, object body) => await PostAsync<object>(api, path, body);

    private static async Task<T> PostAsync<T>(HttpClient api, string path, object body)
    {
        using var response = await api.PostAsJsonAsync(path, body);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    private sealed record Created(Guid Id);

    private sealed record RunResult(string Period, int InvoicesPosted, int Skipped);
}
