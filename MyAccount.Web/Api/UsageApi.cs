using System.Text.Json;
using MyAccount.Domain.Usage;

namespace MyAccount.Web.Api;

/// <summary><c>POST /api/v1/usage</c>: batches of up to 10,000 events, all-or-nothing, idempotent by event id.</summary>
public static class UsageApi
{
    /// <summary>10,000 events of a few hundred bytes each fit comfortably; anything larger is refused with 413 before it is read.</summary>
    public const long MaxBodyBytes = 8 * 1024 * 1024;

    public static RouteGroupBuilder MapUsageApi(this RouteGroupBuilder api)
    {
        api.MapPost("/usage", async (HttpContext http, UsageIngestionService ingestion, CancellationToken ct) =>
        {
            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(http.Request.Body, default, ct);
            }
            catch (JsonException ex)
            {
                return Results.Problem($"The body is not valid JSON: {ex.Message}", statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON");
            }

            using (document)
            {
                List<UsageEventInput> events;
                List<UsageEventError> errors;
                try
                {
                    (events, errors) = UsageBatchParser.Parse(document);
                }
                catch (JsonException ex)
                {
                    return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest, title: "Invalid usage batch");
                }

                if (events.Count > UsageIngestionService.MaxBatchSize)
                {
                    throw new UsageBatchTooLargeException(events.Count);
                }

                var result = await ingestion.IngestAsync(OperatorKeyFilter.Actor(http), events, ct, errors);
                return Results.Ok(new UsageAccepted(result.Accepted, result.Duplicates));
            }
        })
        .WithSummary("Send usage events (all-or-nothing; a repeated id is counted once)")
        .Accepts<UsageBatchDocument>("application/json")
        .Produces<UsageAccepted>()
        .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBodyBytes))
        .RequireRateLimiting(Hardening.RateLimits.UsageApi);
        return api;
    }

    /// <summary>For the OpenAPI document only: the shape of a usage batch.</summary>
    public sealed record UsageBatchDocument(List<UsageEventDocument> Events);

    public sealed record UsageEventDocument(string Id, Guid AccountId, string ProductCode, string UsageType, long Quantity, DateTimeOffset OccurredAt);
}
