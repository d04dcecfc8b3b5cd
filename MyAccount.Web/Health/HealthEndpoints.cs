using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MyAccount.Web.Health;

/// <summary>
/// <c>/healthz</c>: liveness (the process answers; a load balancer or orchestrator restarts it when it does not).
/// <c>/healthz/ready</c>: readiness (the database answers with every migration applied, and Redis when configured; a balancer sends
/// requests only to ready instances). Both answer JSON — status and per check a name, a status and a short description, never a
/// connection string or an exception — with 200 when healthy and 503 otherwise.
/// </summary>
public static class HealthEndpoints
{
    public const string Live = "live";
    public const string Ready = "ready";

    public static void MapMyAccountHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", Options(Live)).AllowAnonymous();
        app.MapHealthChecks("/healthz/ready", Options(Ready)).AllowAnonymous();
    }

    private static HealthCheckOptions Options(string tag) => new()
    {
        Predicate = check => check.Tags.Contains(tag),
        ResponseWriter = WriteAsync,
    };

    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
    }
}
