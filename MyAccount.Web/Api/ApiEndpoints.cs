namespace MyAccount.Web.Api;

public static class ApiEndpoints
{
    /// <summary>The operator API under <c>/api/v1</c>: bearer key, problem details for every refusal.</summary>
    public static IEndpointRouteBuilder MapMyAccountApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1")
            .AddEndpointFilter<OperatorKeyFilter>()
            .AddEndpointFilter<DomainErrorFilter>()
            .DisableAntiforgery()
            .AllowAnonymous()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("Operator API");
        api.MapOperatorApi();
        api.MapUsageApi();
        api.MapBillingApi();
        return endpoints;
    }
}
