using System.Text.Json;

namespace MyAccount.Web.Api;

/// <summary>
/// Everything under <c>/api</c> answers in problem details, in every environment: a body that cannot be read (malformed JSON,
/// an unknown or repeated field, an empty body) is 400, a body that is not JSON is 415, an unknown path is 404, a wrong method
/// 405, and an unexpected failure 500 — each with a detail a caller can act on and never a stack trace. Answers for the
/// dashboard's pages are left to the HTML status pages.
/// </summary>
public static class ApiProblems
{
    public static bool IsApiRequest(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    /// <summary>The API's own error handling; call it before the HTML status pages, which then leave <c>/api</c> alone.</summary>
    public static IApplicationBuilder UseApiProblems(this IApplicationBuilder app) =>
        app.UseWhen(IsApiRequest, api =>
        {
            api.Use(async (context, next) =>
            {
                try
                {
                    await next(context);
                }
                catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
                {
                    await WriteAsync(context, ex.StatusCode, Title(ex.StatusCode), Detail(ex));
                }
                catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
                {
                    context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiProblems))
                        .LogError(ex, "The operator API failed on {Method} {Path}.", context.Request.Method, context.Request.Path);
                    await WriteAsync(context, StatusCodes.Status500InternalServerError, "Internal error",
                        "The request could not be completed. Nothing was changed by a request that failed; try again, and report the time if it keeps failing.");
                }

                // No endpoint, or an endpoint that set a status without a body (404 route, 405 method): problem details.
                if (!context.Response.HasStarted && context.Response.StatusCode >= 400 && context.Response.ContentLength is null or 0
                    && string.IsNullOrEmpty(context.Response.ContentType))
                {
                    var status = context.Response.StatusCode;
                    // Routing answers 405 for any path a GET-only catch-all (static files) could match; it is a 405 only where an
                    // API endpoint exists at the path for another method.
                    if (status == StatusCodes.Status405MethodNotAllowed && !ApiRoutes.For(context).Exists(context.Request.Path))
                    {
                        status = StatusCodes.Status404NotFound;
                    }

                    await WriteAsync(context, status, Title(status), status switch
                    {
                        StatusCodes.Status404NotFound => $"There is no operator API endpoint at {context.Request.Method} {context.Request.Path}. The reference is at /api/reference.",
                        StatusCodes.Status405MethodNotAllowed => $"{context.Request.Method} is not allowed on {context.Request.Path}.",
                        StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON: Content-Type: application/json.",
                        _ => null,
                    });
                }
            });
        });

    private static string Detail(BadHttpRequestException ex)
    {
        if (ex.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return "Send the body as JSON: Content-Type: application/json.";
        }

        if (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return "The request body is larger than this endpoint accepts.";
        }

        var json = ex.InnerException as JsonException;
        if (json is null && ex.Message.Contains("no body was provided", StringComparison.OrdinalIgnoreCase))
        {
            return "The request needs a JSON body.";
        }

        if (json is null)
        {
            return "The request could not be read. Check the path, the query and the JSON body against the reference at /api/reference.";
        }

        var where = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "" : $" at '{json.Path}'";
        var message = json.Message;
        if (message.Contains("duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return $"A field appears more than once{where}: send each field once.";
        }

        if (message.Contains("could not be mapped", StringComparison.OrdinalIgnoreCase))
        {
            return $"Unknown field{where}: the body may only hold the fields listed in the reference at /api/reference.";
        }

        if (message.Contains("could not be converted", StringComparison.OrdinalIgnoreCase))
        {
            return $"A value has the wrong type{where}.";
        }

        return $"The body is not valid JSON{where}.";
    }

    private static string Title(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "Bad request",
        StatusCodes.Status401Unauthorized => "Unauthorized",
        StatusCodes.Status403Forbidden => "Forbidden",
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status405MethodNotAllowed => "Method not allowed",
        StatusCodes.Status413PayloadTooLarge => "Request too large",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
        StatusCodes.Status429TooManyRequests => "Too many requests",
        _ => "Error",
    };

    private static Task WriteAsync(HttpContext context, int status, string title, string? detail)
    {
        // Headers set before (HSTS, Allow, WWW-Authenticate) stay; the problem replaces only the status and the body.
        context.Response.StatusCode = status;
        return Results.Problem(detail, statusCode: status, title: title).ExecuteAsync(context);
    }

    /// <summary>The API's route templates, to tell a wrong method on an existing path (405) from a path that does not exist (404).</summary>
    private sealed class ApiRoutes(IReadOnlyList<Microsoft.AspNetCore.Routing.Template.TemplateMatcher> matchers)
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<EndpointDataSource, ApiRoutes> PerApp = new();

        public static ApiRoutes For(HttpContext context) =>
            PerApp.GetValue(context.RequestServices.GetRequiredService<EndpointDataSource>(), Build);

        private static ApiRoutes Build(EndpointDataSource endpoints) => new(
            endpoints.Endpoints.OfType<RouteEndpoint>()
                .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
                .Select(e => new Microsoft.AspNetCore.Routing.Template.TemplateMatcher(
                    Microsoft.AspNetCore.Routing.Template.TemplateParser.Parse(e.RoutePattern.RawText!.TrimStart('/')), new RouteValueDictionary()))
                .ToList());

        public bool Exists(PathString path) => matchers.Any(m => m.TryMatch(path, new RouteValueDictionary()));
    }
}
