using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MyAccount.Domain.Demo;
using MyAccount.Domain.Members;
using MyAccount.Domain.Persistence;

namespace MyAccount.Benchmarks.Capacity;

/// <summary>
/// What only the benchmark host adds to the app (never the app itself): <c>/bench/signin?email=</c> signs in as the member
/// with that email (binding a synthetic identity to it the first time, as accepting an invitation would), and
/// <c>/bench/memory</c> answers the managed memory left after a full blocking, compacting collection and the open circuits.
/// </summary>
internal static class CapacityHostEndpoints
{
    public const string TenantId = "00000000-0000-0000-0000-0000000be7c4";

    public static void Add(IServiceCollection services)
    {
        services.AddSingleton<CircuitCounter>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CountingCircuitHandler>());
        services.AddSingleton<IStartupFilter, Filter>();
    }

    private sealed class Filter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            // Not Map(): it would move the path base, and the sign-in cookie would be scoped to /bench/signin.
            app.Use((http, nextMiddleware) => http.Request.Path.Value switch
            {
                "/bench/signin" => SignInAsync(http),
                "/bench/memory" => MemoryAsync(http),
                _ => nextMiddleware(http),
            });
            next(app);
        };
    }

    private static async Task SignInAsync(HttpContext http)
    {
        var email = EmailAddress.Normalize(http.Request.Query["email"].ToString());
        var factory = http.RequestServices.GetRequiredService<IDbContextFactory<MyAccountDbContext>>();
        await using var db = await factory.CreateDbContextAsync(http.RequestAborted);
        var members = await db.Members.Where(m => m.Email == email).ToListAsync(http.RequestAborted);
        if (members.Count == 0)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var objectId = new Guid(MD5.HashData(Encoding.UTF8.GetBytes(email))).ToString();
        var identity = new PersonIdentity(TenantId, objectId, email, email);
        foreach (var member in members.Where(m => !m.IsBound))
        {
            member.BindIdentity(identity);
        }

        await db.SaveChangesAsync(http.RequestAborted);
        var persona = new DemoPersona(email, email, "benchmark member", identity, IsSupportAgent: false);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, MyAccount.Web.Auth.DevelopmentSignIn.ToPrincipal(persona));
        http.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private static Task MemoryAsync(HttpContext http)
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        using var process = Process.GetCurrentProcess();
        var counter = http.RequestServices.GetRequiredService<CircuitCounter>();
        return http.Response.WriteAsJsonAsync(new MemoryReading(GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64, counter.Open));
    }
}

/// <summary>Managed bytes after a full collection, the process's working set, and the circuits open at that moment.</summary>
internal sealed record MemoryReading(long ManagedBytes, long WorkingSetBytes, int Circuits);

internal sealed class CircuitCounter
{
    private int _open;

    public int Open => Volatile.Read(ref _open);

    public void Opened() => Interlocked.Increment(ref _open);

    public void Closed() => Interlocked.Decrement(ref _open);
}

internal sealed class CountingCircuitHandler(CircuitCounter counter) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        counter.Opened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        counter.Closed();
        return Task.CompletedTask;
    }
}
