using System.Buffers;
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
            if (!http.Request.HasJsonContentType())
            {
                return Results.Problem("Send the usage batch as JSON: Content-Type: application/json.",
                    statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
            }

            List<UsageEventInput> events;
            List<UsageEventError> errors;
            var (body, length) = await ReadBodyAsync(http.Request, ct);
            try
            {
                (events, errors) = UsageBatchParser.Parse(body.AsSpan(0, length));
            }
            catch (UsageBatchShapeException ex)
            {
                return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest, title: "Invalid usage batch");
            }
            catch (JsonException ex)
            {
                return Results.Problem($"The body is not valid JSON: {ex.Message}", statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON");
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(body);
            }

            if (events.Count > UsageIngestionService.MaxBatchSize)
            {
                throw new UsageBatchTooLargeException(events.Count);
            }

            var result = await ingestion.IngestAsync(OperatorKeyFilter.Actor(http), events, ct, errors);
            return Results.Ok(new UsageAccepted(result.Accepted, result.Duplicates));
        })
        .WithSummary("Send usage events (all-or-nothing; a repeated id is counted once)")
        .Accepts<UsageBatchDocument>("application/json")
        .Produces<UsageAccepted>()
        .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBodyBytes))
        .RequireRateLimiting(Hardening.RateLimits.UsageApi);
        return api;
    }

    /// <summary>
    /// The whole body in a pooled buffer (return it to <see cref="ArrayPool{T}.Shared"/>). Reading past
    /// <see cref="MaxBodyBytes"/> fails with 413 in the server.
    /// </summary>
    private static async Task<(byte[] Buffer, int Length)> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(request.ContentLength is > 0 and <= MaxBodyBytes ? (int)request.ContentLength.Value + 1 : 64 * 1024);
        var length = 0;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), ct)) > 0)
            {
                length += read;
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            return (buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>For the OpenAPI document only: the shape of a usage batch.</summary>
    public sealed record UsageBatchDocument(List<UsageEventDocument> Events);

    public sealed record UsageEventDocument(string Id, Guid AccountId, string ProductCode, string UsageType, long Quantity, DateTimeOffset OccurredAt);
}
