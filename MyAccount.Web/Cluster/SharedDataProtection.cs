using Microsoft.AspNetCore.DataProtection;
using MyAccount.Domain.Persistence;

namespace MyAccount.Web.Cluster;

/// <summary>
/// Data protection for several instances: the key ring lives in the database (table <c>DataProtectionKeys</c>) and every instance
/// uses the same application name, so a sign-in cookie, an antiforgery token or an OpenID Connect correlation cookie issued by one
/// instance is accepted by any other. With one instance nothing changes except where the keys are kept.
/// </summary>
public static class SharedDataProtection
{
    /// <summary>The application discriminator shared by every instance (never derived from the content root, which differs per host).</summary>
    public const string ApplicationName = "MyAccount";

    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<MyAccountDbContext>();
        return services;
    }

    /// <summary>
    /// Loads the key ring once at start-up, creating the first key if the database has none: an instance started after another
    /// then finds that key instead of making one of its own. Start instances one after another on a new database.
    /// </summary>
    public static void EnsureKeyRing(IServiceProvider services) =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("MyAccount.StartUp").Protect([1]);
}
