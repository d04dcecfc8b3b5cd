using System.Security.Cryptography;
using System.Text;
using MyAccount.Domain.Access;

namespace MyAccount.Web.Api;

/// <summary>
/// The operator API's authentication: <c>Authorization: Bearer &lt;Operator:ApiKey&gt;</c>, compared in constant time.
/// Without a configured key the API answers 401 to everyone (it never falls back to a default key).
/// </summary>
public sealed class OperatorKeyFilter(IConfiguration configuration) : IEndpointFilter
{
    public const string ActorItem = "myaccount.operator";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var configured = configuration["Operator:ApiKey"];
        var actor = Authenticate(http, configured);
        if (actor is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Problem(
                string.IsNullOrEmpty(configured) ? "The operator API is not configured (Operator:ApiKey)." : "A valid operator key is required: Authorization: Bearer <key>.",
                statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        http.Items[ActorItem] = actor;
        return await next(context);
    }

    /// <summary>
    /// The operator whose key the request presents (<c>Authorization: Bearer &lt;key&gt;</c>), or null. Checked once per request:
    /// the usage rate limiter asks first, this filter again.
    /// </summary>
    public static OperatorActor? Authenticate(HttpContext http, string? configured)
    {
        if (http.Items.TryGetValue(CheckedItem, out var known))
        {
            return known as OperatorActor;
        }

        var header = http.Request.Headers.Authorization.ToString().Trim();
        var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        var actor = string.IsNullOrEmpty(configured) || string.IsNullOrEmpty(presented) || !SameKey(configured, presented)
            ? null
            : new OperatorActor("operator-api");
        http.Items[CheckedItem] = actor;
        return actor;
    }

    private const string CheckedItem = "myaccount.operator-checked";

    public static OperatorActor Actor(HttpContext http) =>
        http.Items[ActorItem] as OperatorActor ?? throw new InvalidOperationException("The operator filter did not run.");

    private static bool SameKey(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
}
