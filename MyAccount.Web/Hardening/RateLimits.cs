using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace MyAccount.Web.Hardening;

/// <summary>
/// Rate limits with 429 answers: sign-in (per client address) and the usage API (per authenticated operator — however its
/// key is spelled in the header — and per client address for requests without a valid key). Invitation sending,
/// which happens inside the dashboard's circuit rather than over HTTP, is limited in the domain (MemberManagement).
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string UsageApi = "usage-api";

    public static IServiceCollection AddMyAccountRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var signInPerMinute = configuration.GetValue("RateLimits:SignInPerMinute", 30);
        var usagePerSecond = configuration.GetValue("RateLimits:UsageRequestsPerSecond", 200);
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await Results.Problem("Slow down and try again shortly.", statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests")
                    .ExecuteAsync(context.HttpContext);
            };
            options.AddPolicy(SignIn, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = signInPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.AddPolicy(UsageApi, http => RateLimitPartition.GetTokenBucketLimiter(
                Api.OperatorKeyFilter.Authenticate(http, http.RequestServices.GetRequiredService<IConfiguration>()["Operator:ApiKey"]) is { } actor
                    ? $"operator:{actor.OperatorName}"
                    : $"anonymous:{http.Connection.RemoteIpAddress}",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = usagePerSecond, TokensPerPeriod = usagePerSecond, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0,
                }));
        });
    }
}
