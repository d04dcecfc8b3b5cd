using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MyAccount.Domain.Persistence;
using MyAccount.Tests.Infrastructure;
using MyAccount.Web.Cluster;

namespace MyAccount.Tests.Cluster;

/// <summary>
/// The key ring that protects sign-in cookies and antiforgery tokens is kept in the database under one application name, on both
/// providers (two real instances accepting each other's cookies: <see cref="TwoInstanceTests"/>, on PostgreSQL).
/// </summary>
public sealed class SharedDataProtectionTests(SharedDataProtectionTests.Fixture app) : IClassFixture<SharedDataProtectionTests.Fixture>
{
    public sealed class Fixture : MyAccountAppFactory;

    [Fact]
    public async Task The_key_ring_is_in_the_database_under_the_shared_application_name()
    {
        var client = await app.SignInAsync("admin");
        (await client.GetAsync("/account/users")).EnsureSuccessStatusCode();

        app.Services.GetRequiredService<IOptions<DataProtectionOptions>>().Value.ApplicationDiscriminator
            .Should().Be(SharedDataProtection.ApplicationName);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MyAccountDbContext>>().CreateDbContextAsync();
        var keys = await db.DataProtectionKeys.AsNoTracking().ToListAsync();
        keys.Should().ContainSingle("the first instance creates the key at start-up, and every protection uses it")
            .Which.Xml.Should().Contain("<key id=");
    }
}
