using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MyAccount.Domain.Accounts;
using MyAccount.Domain.Catalog;
using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Members;
using MyAccount.Domain.Payments;
using MyAccount.Domain.Persistence;
using MyAccount.Domain.Subscriptions;
using MyAccount.Domain.Usage;

namespace MyAccount.Domain.Demo;

/// <summary>
/// Demo data for local development: 3 accounts, 4 products, current and ended subscriptions, 12 members and
/// 18 months of daily usage (some months above the included volume). Runs once: an existing database with any
/// account in it is left alone. Deterministic for a given "today".
/// </summary>
public sealed class DemoDataSeeder(IDbContextFactory<MyAccountDbContext> dbFactory, TimeProvider clock, ILogger<DemoDataSeeder> logger)
{
    public async Task<bool> SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Accounts.AnyAsync(ct))
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var plan = new DemoPlan(now);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Products.AddRange(plan.Products);
        db.Accounts.AddRange(plan.Accounts);
        db.Members.AddRange(plan.Members);
        db.Subscriptions.AddRange(plan.Subscriptions);
        db.InvoiceRecipients.AddRange(plan.Recipients);
        db.PaymentMethods.AddRange(plan.PaymentMethods);
        db.AccountBillingDetails.AddRange(plan.BillingDetails);
        var usage = plan.Usage().ToList();
        db.UsageEvents.AddRange(usage);
        await db.SaveChangesAsync(ct);
        await Stores.Usage(db).RebuildRollupsAsync(db, ct);
        logger.LogInformation("Demo data created: {Accounts} accounts, {Members} members, {Usage} usage events.",
            plan.Accounts.Count, plan.Members.Count, usage.Count);
        return true;
    }

    /// <summary>The demo world, built in memory relative to "now".</summary>
    private sealed class DemoPlan
    {
        private readonly DateTime _now;
        private readonly DateOnly _firstMonth;

        public DemoPlan(DateTime now)
        {
            _now = now;
            _firstMonth = DemoPeriods.For(now).FirstMonth.FirstDay;

            Search = new Product("search", "Search API", "requests", [("search", "Search"), ("autocomplete", "Autocomplete"), ("suggest", "Suggestions")]);
            Geo = new Product("geo", "Geocoding", "lookups", [("forward", "Forward geocoding"), ("reverse", "Reverse geocoding")]);
            Docs = new Product("docs", "Document Conversion", "pages", [("pdf", "PDF"), ("office", "Office documents"), ("image", "Images")]);
            Sms = new Product("sms", "Messaging", "messages", [("sms", "SMS"), ("mms", "MMS")]);
            Products = [Search, Geo, Docs, Sms];

            var contoso = new Account("Contoso Ltd", Currency.Of("USD"), "America/New_York", now);
            var fabrikam = new Account("Fabrikam GmbH", Currency.Of("EUR"), "Europe/Berlin", now);
            var northwind = new Account("Northwind Traders", Currency.Of("GBP"), "Europe/London", now);
            Accounts = [contoso, fabrikam, northwind];
            contoso.LinkPaymentCustomer("sandbox_cus_demo_contoso");
            northwind.LinkPaymentCustomer("sandbox_cus_demo_northwind");

            Members =
            [
                Bound(new Member(contoso.Id, "alice@contoso.com", "+1 201-555-0123", MemberPermissions.All, [Search.Id, Geo.Id, Docs.Id, Sms.Id], now), DemoPersonas.Admin),
                Bound(new Member(contoso.Id, "uma@contoso.com", "+1 201-555-0145", new(true, false), [Search.Id, Geo.Id], now), DemoPersonas.Users),
                Bound(new Member(contoso.Id, "paul@contoso.com", null, new(false, true), [Docs.Id], now), DemoPersonas.Payments),
                new Member(contoso.Id, "dev.team@contoso.com", "+1 425-555-0100", MemberPermissions.None, [Search.Id, Geo.Id, Docs.Id], now),
                new Member(contoso.Id, "finance@contoso.com", null, new(false, true), [], now),
                new Member(contoso.Id, "ops@contoso.com", "+1 425-555-0177", MemberPermissions.None, [Sms.Id], now),
                Bound(new Member(fabrikam.Id, "alice@fabrikam.com", "+49 30 901820", MemberPermissions.All, [Search.Id], now), DemoPersonas.Admin),
                new Member(fabrikam.Id, "klaus@fabrikam.com", "+49 89 1234567", new(true, false), [Search.Id, Sms.Id], now),
                new Member(fabrikam.Id, "greta@fabrikam.com", null, MemberPermissions.None, [Search.Id], now),
                Bound(new Member(northwind.Id, "mia@northwindtraders.com", "+44 20 7946 0958", MemberPermissions.None, [Geo.Id], now), DemoPersonas.Member),
                new Member(northwind.Id, "oliver@northwindtraders.com", "+44 161 496 0000", MemberPermissions.All, [Geo.Id, Docs.Id], now),
                new Member(northwind.Id, "harriet@northwindtraders.com", null, new(false, true), [Docs.Id], now),
            ];

            var docsSwitch = _firstMonth.AddMonths(9).AddDays(14);
            var smsStart = _firstMonth.AddMonths(13).AddDays(9);
            Subscriptions =
            [
                Sub(contoso, Search, 500_00, 100_000, new UnitOverage(0.002m), _firstMonth, null),
                Sub(contoso, Geo, 200_00, 20_000, new GraduatedOverage([new(10_000, 0.01m), new(50_000, 0.005m), new(null, 0.002m)]), _firstMonth, null),
                Sub(contoso, Docs, 150_00, 5_000, new PackageOverage(1_000, 25m), _firstMonth, docsSwitch),
                Sub(contoso, Docs, 250_00, 10_000, new PackageOverage(1_000, 20m), docsSwitch, null),
                Sub(contoso, Sms, 50_00, 2_000, new UnitOverage(0.045m), smsStart, null),
                Sub(fabrikam, Search, 800_00, 200_000, new PackageOverage(10_000, 30m), _firstMonth.AddMonths(3), null),
                Sub(fabrikam, Sms, 40_00, 1_000, new UnitOverage(0.05m), _firstMonth, _firstMonth.AddMonths(16)),
                Sub(northwind, Geo, 150_00, 15_000, new UnitOverage(0.008m), _firstMonth, null),
                Sub(northwind, Docs, 99_00, 3_000, new GraduatedOverage([new(1_000, 0.05m), new(null, 0.03m)]), _firstMonth.AddMonths(6), null),
            ];

            Recipients =
            [
                new InvoiceRecipient(contoso.Id, "billing@contoso.com"),
                new InvoiceRecipient(contoso.Id, "alice@contoso.com"),
                new InvoiceRecipient(fabrikam.Id, "rechnungen@fabrikam.com"),
                new InvoiceRecipient(northwind.Id, "accounts@northwindtraders.com"),
            ];

            PaymentMethods =
            [
                new PaymentMethod(contoso.Id, "Visa", "4242", 12, now.Year + 2,
                    new BillingAddress("1 Contoso Way", null, "Redmond", "WA", "98052", "US"), "sandbox_pm_demo_contoso", now, "alice@contoso.com"),
                new PaymentMethod(northwind.Id, "Mastercard", "4444", 6, now.Year + 1,
                    new BillingAddress("12 Harbour Street", "Suite 4", "London", null, "EC1A 1BB", "GB"), "sandbox_pm_demo_northwind", now, "oliver@northwindtraders.com"),
            ];

            // A German business with a VAT ID that books e-invoices: reverse charge from a vendor in another EU country.
            BillingDetails =
            [
                new AccountBillingDetails(fabrikam.Id, BillingDetailsRules.Normalize(new BillingDetailsInput("Fabrikam GmbH", "Friedrichstraße 123", null, "10117",
                    "Berlin", "DE", "DE 811 907 980", "04011000-12345-67", EInvoicing: true)), now, "alice@fabrikam.com"),
            ];
        }

        public List<AccountBillingDetails> BillingDetails { get; }

        public Product Search { get; }
        public Product Geo { get; }
        public Product Docs { get; }
        public Product Sms { get; }
        public List<Product> Products { get; }
        public List<Account> Accounts { get; }
        public List<Member> Members { get; }
        public List<Subscription> Subscriptions { get; }
        public List<InvoiceRecipient> Recipients { get; }
        public List<PaymentMethod> PaymentMethods { get; }

        /// <summary>One event per usage type per active day, from the first demo month up to yesterday.</summary>
        public IEnumerable<UsageEvent> Usage()
        {
            var random = new Random(20_26_11);
            var yesterday = DateOnly.FromDateTime(_now).AddDays(-1);
            foreach (var subscription in Subscriptions)
            {
                var product = Products.Single(p => p.Id == subscription.ProductId);
                var shares = Shares(product.UsageTypes.Count);
                var monthFactor = 0m;
                var monthIndex = -1;
                for (var day = subscription.StartsOn; day <= yesterday && subscription.IsActiveOn(day); day = day.AddDays(1))
                {
                    var index = (day.Year - _firstMonth.Year) * 12 + day.Month - _firstMonth.Month;
                    if (index != monthIndex)
                    {
                        // A slow upward trend with month-to-month swings: roughly a third of months end above the allowance.
                        monthIndex = index;
                        monthFactor = 0.80m + index * 0.015m + (decimal)random.Next(-15, 20) / 100m;
                    }

                    var daily = subscription.Plan.IncludedVolume / 30m * monthFactor;
                    var weekday = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.55m : 1.12m;
                    for (var t = 0; t < product.UsageTypes.Count; t++)
                    {
                        var noise = 0.9m + random.Next(0, 21) / 100m;
                        var quantity = (long)Math.Round(daily * weekday * shares[t] * noise, MidpointRounding.AwayFromZero);
                        if (quantity > 0)
                        {
                            var type = product.UsageTypes[t].Code;
                            var at = day.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc);
                            yield return new UsageEvent(subscription.AccountId, product.Id, type, quantity, at,
                                $"demo-{product.Code}-{type}-{day:yyyyMMdd}", at.AddMinutes(5));
                        }
                    }
                }
            }
        }

        private static decimal[] Shares(int count) => count switch
        {
            1 => [1m],
            2 => [0.7m, 0.3m],
            _ => [0.6m, 0.3m, 0.1m],
        };

        private Subscription Sub(Account account, Product product, long feeMinor, long included, OveragePricing overage, DateOnly starts, DateOnly? ends) =>
            new(account.Id, product.Id, SubscriptionPlan.Create(new Money(feeMinor, account.CurrencyCode), included, overage), starts, ends, _now);

        private static Member Bound(Member member, DemoPersona persona)
        {
            member.BindIdentity(persona.Identity);
            return member;
        }
    }
}

/// <summary>
/// The months of the demo data for a given "now": subscriptions start in <see cref="FirstMonth"/> (17 months before the
/// current one) and usage runs up to yesterday, so <see cref="FirstMonth"/> is the first period to bill and
/// <see cref="CurrentMonth"/> the last one that has begun.
/// </summary>
public sealed record DemoPeriods(BillingMonth FirstMonth, BillingMonth CurrentMonth)
{
    public const int MonthsOfHistory = 18;

    public static DemoPeriods For(DateTime utcNow)
    {
        var current = BillingMonth.Of(utcNow);
        return new DemoPeriods(BillingMonth.Of(current.FirstDay.AddMonths(-(MonthsOfHistory - 1))), current);
    }
}
