using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MyAccount.Domain.Access;
using MyAccount.Domain.Billing;
using MyAccount.Domain.Catalog;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Usage;
using MyAccount.Domain.Accounts;
using MyAccount.Domain.Demo;
using MyAccount.Domain.Members;
using MyAccount.Domain.Notifications;
using MyAccount.Domain.Payments;
using MyAccount.Domain.Persistence;
using MyAccount.Domain.Subscriptions;

namespace MyAccount.Domain;

public static class DomainServiceCollectionExtensions
{
    /// <summary>Registers the database, the clock and every application service of the domain.</summary>
    public static IServiceCollection AddMyAccountDomain(this IServiceCollection services, string connectionString) =>
        services.AddMyAccountDomain(new DatabaseSettings(DatabaseProvider.Sqlite, connectionString));

    /// <summary>As above, on the configured provider (SQLite or PostgreSQL).</summary>
    public static IServiceCollection AddMyAccountDomain(this IServiceCollection services, DatabaseSettings database) =>
        services.AddMyAccountDomain(database.Configure);

    /// <summary>As above, with the database configured by the caller (tests pass an open in-memory SQLite connection).</summary>
    public static IServiceCollection AddMyAccountDomain(this IServiceCollection services, Action<DbContextOptionsBuilder> configureDatabase)
    {
        services.AddDbContextFactory<MyAccountDbContext>(options =>
        {
            configureDatabase(options);
            options.AddInterceptors(new SqlitePragmas());
        });
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AccessGuard>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<WalCheckpointer>();
        services.AddSingleton<DemoDataSeeder>();
        services.AddSingleton<AccountDirectory>();
        services.AddSingleton<MemberService>();
        services.AddSingleton<SubscriptionService>();
        services.AddSingleton<SubscriptionProvisioning>();
        services.AddSingleton<MemberProvisioning>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<ProductService>();
        services.AddSingleton<UsageIngestionService>();
        services.AddSingleton<BillingEngine>();
        services.AddSingleton<BillingRunLock>();
        services.AddSingleton<InvoiceQueries>();
        services.AddSingleton<CreditNoteService>();
        services.AddSingleton<InvitationMailer>();
        services.AddSingleton<InvoiceEmailDispatcher>();
        services.AddSingleton<PaymentService>();
        services.AddSingleton<BillingDetailsService>();
        services.AddSingleton<EInvoicing.EInvoiceService>();
        services.TryAddSingleton(new Tax.TaxSettings());
        services.TryAddSingleton(new Tax.VendorDetails());
        services.AddSingleton<Insights.UsageInsights>();
        services.AddSingleton<Insights.UsageAlerts>();
        services.AddSingleton<Support.SupportConsole>();
        services.AddSingleton<Auditing.ActivityLog>();
        services.AddSingleton<InvoiceCharging>();
        services.TryAddSingleton(new PaymentOptions());
        services.AddSingleton<MemberManagement>();
        services.AddSingleton<InvitationAcceptance>();
        services.TryAddSingleton<IAccountEventPublisher, NoAccountEvents>();
        return services;
    }
}
