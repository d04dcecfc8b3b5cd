using MyAccount.Domain.Accounts;
using MyAccount.Domain.Catalog;
using MyAccount.Domain.Common;
using MyAccount.Domain.Members;
using MyAccount.Domain.Subscriptions;

namespace MyAccount.Web.Api;

/// <summary>Provisioning for the vendor's systems: products, accounts, first admins, subscriptions.</summary>
public static class OperatorApi
{
    public static RouteGroupBuilder MapOperatorApi(this RouteGroupBuilder api)
    {
        api.MapPost("/products", async (CreateProductRequest body, HttpContext http, ProductService products, CancellationToken ct) =>
        {
            var product = await products.CreateProductAsync(OperatorKeyFilter.Actor(http), body.Code ?? "", body.Name ?? "", body.Unit ?? "", body.UsageTypes ?? [], ct);
            return Results.Created($"/api/v1/products/{product.Code}", new CreatedCode(product.Code));
        }).WithSummary("Create a product with its usage types").Produces<CreatedCode>(StatusCodes.Status201Created);

        api.MapPost("/accounts", async (CreateAccountRequest body, HttpContext http, AccountService accounts, CancellationToken ct) =>
        {
            var account = await accounts.CreateAccountAsync(OperatorKeyFilter.Actor(http), body.Name ?? "", body.Currency ?? "", body.TimeZone, ct);
            return Results.Created($"/api/v1/accounts/{account.Id}", new CreatedId(account.Id.Value));
        }).WithSummary("Create a customer account").Produces<CreatedId>(StatusCodes.Status201Created);

        api.MapPost("/accounts/{accountId:guid}/members", async (Guid accountId, ProvisionMemberRequest body, HttpContext http, MemberProvisioning members, Hardening.PublicLinks links, CancellationToken ct) =>
        {
            var member = await members.ProvisionMemberAsync(OperatorKeyFilter.Actor(http), new AccountId(accountId), body.Email ?? "", body.Phone,
                new MemberPermissions(body.CanManageUsers, body.CanManagePayment), body.Products ?? [], links.BaseFor(http.Request), ct);
            return Results.Created($"/api/v1/accounts/{accountId}/members/{member.Id}", new CreatedId(member.Id.Value));
        }).WithSummary("Provision a customer's member (their first admin); bound to a sign-in the first time they sign in")
          .Produces<CreatedId>(StatusCodes.Status201Created);

        api.MapPost("/accounts/{accountId:guid}/subscriptions", async (Guid accountId, CreateSubscriptionRequest body, HttpContext http, SubscriptionProvisioning subscriptions, CancellationToken ct) =>
        {
            var plan = new SubscriptionPlanInput(ApiFormats.Price(body.MonthlyFee, "monthlyFee"),
                body.IncludedVolume ?? throw new DomainValidationException("includedVolume", "includedVolume is required."),
                Overage(body.Overage));
            var startsOn = body.StartsOn ?? throw new DomainValidationException("startsOn", "startsOn is required (YYYY-MM-DD).");
            var subscription = await subscriptions.CreateSubscriptionAsync(OperatorKeyFilter.Actor(http), new AccountId(accountId), body.ProductCode ?? "", plan, startsOn, body.EndsOn, ct);
            return Results.Created($"/api/v1/accounts/{accountId}/subscriptions/{subscription.Id}", new CreatedId(subscription.Id.Value));
        }).WithSummary("Start a subscription (monthly fee, included volume, overage pricing)").Produces<CreatedId>(StatusCodes.Status201Created);

        api.MapPost("/accounts/{accountId:guid}/subscriptions/{id:guid}/end", async (Guid accountId, Guid id, EndSubscriptionRequest body, HttpContext http, SubscriptionProvisioning subscriptions, CancellationToken ct) =>
        {
            var endsOn = body.EndsOn ?? throw new DomainValidationException("endsOn", "endsOn is required (YYYY-MM-DD, exclusive).");
            await subscriptions.EndSubscriptionAsync(OperatorKeyFilter.Actor(http), new AccountId(accountId), new SubscriptionId(id), endsOn, ct);
            return Results.Ok();
        }).WithSummary("End a subscription: endsOn is the first day it is no longer active");

        return api;
    }

    private static OveragePricing Overage(OverageRequest? overage) => overage?.Model?.Trim().ToLowerInvariant() switch
    {
        "unit" => new UnitOverage(ApiFormats.Price(overage.UnitPrice, "overage.unitPrice")),
        "graduated" => new GraduatedOverage((overage.Tiers ?? []).Select((t, i) => new PriceTier(t.UpTo, ApiFormats.Price(t.UnitPrice, $"overage.tiers[{i}].unitPrice"))).ToList()),
        "package" => new PackageOverage(
            overage.PackageSize ?? throw new DomainValidationException("overage.packageSize", "packageSize is required for package pricing."),
            ApiFormats.Price(overage.PackagePrice, "overage.packagePrice")),
        null => throw new DomainValidationException("overage", "overage is required: {model: \"unit\" | \"graduated\" | \"package\", …}."),
        var other => throw new DomainValidationException("overage.model", $"Unknown overage model '{other}': use unit, graduated or package."),
    };
}
