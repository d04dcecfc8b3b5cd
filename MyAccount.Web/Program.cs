using MudBlazor.Services;
using MyAccount.Domain;
using MyAccount.Domain.Demo;
using MyAccount.Domain.Persistence;
using MyAccount.Web.Api;
using MyAccount.Web.Auth;
using MyAccount.Web.Billing;
using MyAccount.Web.Documents;
using MyAccount.Web.Email;
using MyAccount.Domain.Invoices;
using MyAccount.Web.Hardening;
using MyAccount.Web.Live;
using MyAccount.Web.Payments;
using MyAccount.Domain.Payments;
using MyAccount.Domain.Notifications;
using Scalar.AspNetCore;
using MyAccount.Web.Components;
using MyAccount.Web.Health;
using MyAccount.Web.Cluster;

var builder = WebApplication.CreateBuilder(args);

var authenticationMode = builder.AddMyAccountAuthentication();
PinnedStartClock.AddFromConfiguration(builder);
var database = DatabaseLocation.Resolve(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddMyAccountDomain(database);
builder.Services.AddSharedDataProtection();
EmailOptions.AddMyAccountEmail(builder.Services, builder.Configuration, builder.Environment);
builder.Services.AddSingleton(builder.Configuration.GetSection("Vendor").Get<VendorOptions>() ?? new VendorOptions());
builder.Services.AddSingleton<IInvoiceDocumentRenderer, InvoicePdfRenderer>();
TaxConfiguration.AddMyAccountTax(builder.Services, builder.Configuration);
var stripe = builder.Configuration.GetSection("Stripe").Get<StripeOptions>() ?? new StripeOptions();
builder.Services.AddSingleton(stripe);
if (stripe.Enabled)
{
    builder.Services.AddSingleton<IPaymentGateway, StripePaymentGateway>();
}
else if (builder.Environment.IsDevelopment() || builder.Configuration.GetValue("Payments:AllowSandbox", false))
{
    builder.Services.AddSingleton<IPaymentGateway, SandboxPaymentGateway>();
}
else
{
    throw new InvalidOperationException(
        "No payment gateway is configured. Set Stripe:SecretKey, Stripe:PublishableKey and Stripe:WebhookSecret, " +
        "or set Payments:AllowSandbox=true to use the offline sandbox gateway on purpose (test cards only; nothing is charged).");
}

builder.Services.AddSingleton(new PaymentOptions { AcceptUnavailableAddressChecks = builder.Configuration.GetValue("Payments:AcceptUnavailableAddressChecks", false) });
if (builder.Configuration.GetValue("Billing:Charging:Enabled", true))
{
    builder.Services.AddHostedService<InvoiceChargingWorker>();
}

builder.Services.AddSignalR();
builder.AddMyAccountCluster();
builder.Services.AddSingleton<AccountHubConnections>();
builder.Services.AddHostedService<HubEventBridge>();
if (database.Provider == MyAccount.Domain.Persistence.DatabaseProvider.Sqlite && builder.Configuration.GetValue("Database:BackgroundCheckpoints", true))
{
    builder.Services.AddHostedService<MyAccount.Web.Persistence.WalCheckpointWorker>();
}

if (builder.Configuration.GetValue("Billing:InvoiceEmails:Enabled", true))
{
    builder.Services.AddHostedService<InvoiceEmailWorker>();
}

builder.Services.AddMudServices(options =>
{
    // Notifications appear at once (no fade-in): readable immediately, also for accessibility checks mid-animation.
    options.SnackbarConfiguration.ShowTransitionDuration = 0;
    options.SnackbarConfiguration.VisibleStateDuration = 6000;
    options.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomCenter;
});
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
{
    document.Info.Title = "MyAccount operator API";
    document.Info.Description = "Provisioning, usage ingestion, billing runs and invoices for the vendor's systems. " +
                                "Authenticate with Authorization: Bearer <Operator:ApiKey>. Prices are decimal strings in major units; amounts are integers in minor units.";
    return Task.CompletedTask;
}));
builder.Services.ConfigureHttpJsonOptions(options =>
{
    // An unknown or a repeated field is a 400, never silently ignored or "last one wins".
    options.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
    options.SerializerOptions.AllowDuplicateProperties = false;
});
// A body that cannot be bound throws in every environment, so the API answers it in problem details (ApiProblems).
builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.AddMyAccountTransportSecurity();
builder.Services.AddSingleton(new PublicLinks(builder.Configuration, builder.Environment));
if (builder.Configuration.GetValue("Billing:Scheduler:Enabled", true))
{
    builder.Services.AddSingleton(new BillingSchedulerOptions(builder.Configuration.GetValue("Billing:Scheduler:LockRetry", BillingSchedulerOptions.Default.LockRetry)));
    builder.Services.AddSingleton<BillingScheduler>();
    builder.Services.AddHostedService(sp => sp.GetRequiredService<BillingScheduler>());
}

builder.Services.AddMyAccountRateLimits(builder.Configuration);
builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents(options =>
    {
        // Circuit settings, chosen deliberately (see README): no exception details to browsers outside Development, a bounded
        // number of disconnected circuits kept for a short while, and bounded render and interop backlogs.
        options.DetailedErrors = builder.Environment.IsDevelopment();
        options.DisconnectedCircuitMaxRetained = 100;
        options.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
        // Short, because a closed tab's circuit is kept until its last pending call times out (calls made while it was closing
        // are never answered): a minute kept every closed tab's components for a minute. Calls that wait for a person (the print
        // dialog, a card's 3-D Secure check) or load a script set their own, longer timeouts (JsTimeouts).
        options.JSInteropDefaultCallTimeout = MyAccount.Web.Components.Shared.JsTimeouts.Default;
        options.MaxBufferedUnacknowledgedRenderBatches = 10;
    })
    .AddHubOptions(options => options.MaximumReceiveMessageSize = 64 * 1024);

var app = builder.Build();

await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
SharedDataProtection.EnsureKeyRing(app.Services);
if (app.Configuration.GetValue("DemoData:Enabled", app.Environment.IsDevelopment()))
{
    await app.Services.GetRequiredService<DemoDataSeeder>().SeedAsync();
}

app.UseForwardedHeaders();
app.UseClusterInstanceHeader();
if (!app.Environment.IsDevelopment())
{
    app.UseWhen(context => !ApiProblems.IsApiRequest(context), pages => pages.UseExceptionHandler("/Error", createScopeForErrors: true));
    app.UseHsts();
}

app.UseSecurityHeaders(stripe);
app.UseApiProblems();
app.UseWhen(context => !ApiProblems.IsApiRequest(context),
    pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapMyAccountHealth();
app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference("/api/reference", options => options.WithTitle("MyAccount operator API")).AllowAnonymous();
app.MapMyAccountApi();
app.MapInvoiceDocuments();
app.MapStripeWebhook();
app.MapHub<AccountHub>(AccountHub.Path);
app.MapSignInEndpoints(authenticationMode);
if (authenticationMode == AuthenticationMode.Development)
{
    app.MapDevelopmentSignIn();
}

app.MapGet("/", (HttpContext http) => Results.Redirect(http.User.IsSupportAgent() ? "/support" : SignInEndpoints.DefaultReturnUrl)).ExcludeFromDescription();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
