using MyAccount.Domain.Common;
using MyAccount.Domain.Usage;

namespace MyAccount.Web.Api;

/// <summary>Turns the domain's refusals into problem details: 400, 403, 404, 409, 413. Nothing else leaks out.</summary>
public sealed class DomainErrorFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (DomainValidationException ex)
        {
            return Results.ValidationProblem(ex.Errors.GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Select(e => e.Value).ToArray()), detail: ex.Message);
        }
        catch (UsageBatchRejectedException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest, title: "Invalid usage events",
                extensions: new Dictionary<string, object?> { ["errors"] = ex.Errors.Select(e => new { index = e.Index, field = e.Field, message = e.Message }) });
        }
        catch (UsageBatchTooLargeException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Batch too large");
        }
        catch (NotFoundException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }
        catch (ConcurrencyConflictException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "Conflict");
        }
        catch (AccessDeniedException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }
    }
}
