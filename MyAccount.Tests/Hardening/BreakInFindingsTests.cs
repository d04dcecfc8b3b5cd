using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MyAccount.Domain.Accounts;
using MyAccount.Domain.Common;
using MyAccount.Domain.Demo;
using MyAccount.Domain.Members;
using MyAccount.Domain.Persistence;
using MyAccount.Tests.Api;
using MyAccount.Tests.Infrastructure;
using MyAccount.Web.Live;

namespace MyAccount.Tests.Hardening;

/// <summary>
/// The medium and low break-in findings, each as the attack that found it: invitations accepted by the wrong person, live
/// events after removal, links built from the Host header, support agents landing in an account.
/// </summary>
public sealed class BreakInFindingsTests(BreakInFindingsTests.Fixture app) : IClassFixture<BreakInFindingsTests.Fixture>
{
    public sealed class Fixture : MyAccountAppFactory
    {
        public Fixture() => Settings = new()
        {
            ["Billing:InvoiceEmails:Enabled"] = "false",
            ["App:PublicBaseUrl"] = "https://account.example.com/",
            ["Operator:ApiKey"] = OperatorApiFactory.Key,
        };
    }

    private static readonly SemaphoreSlim Members = new(1, 1);

    /// <summary>Bills the demo data's first month (the scheduler is off in test hosts; a second run changes nothing).</summary>
    private async Task BillFirstDemoMonthAsync()
    {
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorApiFactory.Key);
        var response = await api.PostAsync("/api/v1/billing/runs",
            new StringContent($$"""{"period":"{{app.DemoPeriods.FirstMonth}}"}""", Encoding.UTF8, "application/json"));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private async Task<SignedInPerson> AliceAsync() =>
        await app.Services.GetRequiredService<AccountDirectory>().ResolveAsync(DemoPersonas.Admin.Identity, false, null);

    private async Task<string> InviteAsync(string email)
    {
        var alice = await AliceAsync();
        await app.Services.GetRequiredService<MemberManagement>().InviteAsync(alice.Actor!, alice.CurrentAccountId,
            new MemberAccessInput(email, null, [], new MemberPermissions(true, true)), new Uri("https://account.example.com/"));
        return TokenFromOutbox(email);
    }

    private string TokenFromOutbox(string email)
    {
        var message = Directory.GetFiles(app.PickupFolder, "*.eml").Select(File.ReadAllText)
            .Last(text => text.Contains(email, StringComparison.OrdinalIgnoreCase) && text.Contains("invitations/accept", StringComparison.Ordinal));
        return Regex.Match(message.Replace("=\r\n", "", StringComparison.Ordinal), @"invitations/accept\?token=3D([A-Za-z0-9_\-]+)|invitations/accept\?token=([A-Za-z0-9_\-]+)")
            is { Success: true } match ? (match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value) : throw new InvalidOperationException("No invitation link.");
    }

    private async Task<bool> IsActiveMemberAsync(string email)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MyAccountDbContext>>().CreateDbContextAsync();
        return await db.Members.AnyAsync(m => m.Email == email && m.Status == MemberStatus.Active);
    }

    [Fact]
    public async Task A_member_of_another_account_cannot_accept_an_invitation_meant_for_someone_else()
    {
        var token = await InviteAsync("victim.one@contoso.com");
        var acceptance = app.Services.GetRequiredService<InvitationAcceptance>();

        var preview = await acceptance.PreviewAsync(token, DemoPersonas.Member.Identity, isSupportAgent: false);
        preview.Refusal.Should().Be("This invitation is for victim.one@contoso.com, but you are signed in as mia@northwindtraders.com. " +
                                    "Sign out and sign in as victim.one@contoso.com to accept it.");
        var act = () => acceptance.AcceptAsync(DemoPersonas.Member.Identity, false, token);
        await act.Should().ThrowAsync<AccessDeniedException>().WithMessage("This invitation is for victim.one@contoso.com*");

        var noEmail = () => acceptance.AcceptAsync(DemoPersonas.Member.Identity with { Email = null }, false, token);
        await noEmail.Should().ThrowAsync<AccessDeniedException>().WithMessage("*does not tell us your email address*");
        (await IsActiveMemberAsync("victim.one@contoso.com")).Should().BeFalse("nobody joined");

        // The page shows the refusal instead of a Join button.
        var mia = await app.SignInAsync("member");
        var page = await mia.GetStringAsync($"/invitations/accept?token={token}");
        page.Should().Contain("data-testid=\"invitation-refusal\"").And.NotContain("data-testid=\"accept-invitation\"");
    }

    [Fact]
    public async Task A_support_agent_never_joins_a_customer_account_even_with_the_invited_address()
    {
        var token = await InviteAsync(DemoPersonas.Support.Email);
        var act = () => app.Services.GetRequiredService<InvitationAcceptance>().AcceptAsync(DemoPersonas.Support.Identity, true, token);
        await act.Should().ThrowAsync<AccessDeniedException>().WithMessage("Vendor support agents cannot join a customer account*");
        (await IsActiveMemberAsync(DemoPersonas.Support.Email)).Should().BeFalse();
    }

    [Fact]
    public async Task The_invited_person_accepts_whatever_the_case_of_the_address()
    {
        // The guest persona signs in as gil@contoso.com; the admin typed it with capitals.
        var token = await InviteAsync("Gil@Contoso.COM");
        var account = await app.Services.GetRequiredService<InvitationAcceptance>().AcceptAsync(DemoPersonas.Guest.Identity, false, token);

        account.Should().Be((await AliceAsync()).CurrentAccountId);
        (await IsActiveMemberAsync("gil@contoso.com")).Should().BeTrue();
    }

    [Fact]
    public async Task A_removed_member_s_live_update_connection_is_closed_at_once()
    {
        await Members.WaitAsync();
        try
        {
            // Uma (users persona) has the hub open on Contoso; Alice removes her.
            await using var connection = await app.ConnectHubAsync("users");
            var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            connection.Closed += _ =>
            {
                closed.TrySetResult();
                return Task.CompletedTask;
            };
            var connections = app.Services.GetRequiredService<AccountHubConnections>();
            var alice = await AliceAsync();
            await Eventually.UntilAsync(() => Task.FromResult(connections.Of(alice.CurrentAccountId).Count > 0), TimeSpan.FromSeconds(10),
                "the hub registers the connection once it has checked the person's access");

            await using (var db = await app.Services.GetRequiredService<IDbContextFactory<MyAccountDbContext>>().CreateDbContextAsync())
            {
                var uma = await db.Members.SingleAsync(m => m.Email == "uma@contoso.com" && m.AccountId == alice.CurrentAccountId);
                await app.Services.GetRequiredService<MemberManagement>().RemoveMemberAsync(alice.Actor!, alice.CurrentAccountId, uma.Id);
            }

            // Server side at once (before RemoveMemberAsync returned); the client notices on its next poll.
            connections.Of(alice.CurrentAccountId).Should().BeEmpty("the removed member's connection left the account");
            (await Task.WhenAny(closed.Task, Task.Delay(TimeSpan.FromSeconds(10)))).Should().Be(closed.Task, "the server closed the connection");
        }
        finally
        {
            Members.Release();
        }
    }

    [Fact]
    public async Task Invitation_links_use_the_configured_public_address_not_the_request_host()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorApiFactory.Key);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MyAccountDbContext>>().CreateDbContextAsync();
        var northwind = (await db.Accounts.SingleAsync(a => a.Name == "Northwind Traders")).Id;

        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/accounts/{northwind}/members")
        {
            Content = new StringContent("""{"email":"host.header@northwindtraders.com","canManageUsers":false,"canManagePayment":false,"products":[]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Host = "evil.example";
        (await client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Created);

        var message = Directory.GetFiles(app.PickupFolder, "*.eml").Select(File.ReadAllText)
            .Last(text => text.Contains("host.header@northwindtraders.com", StringComparison.Ordinal)).Replace("=\r\n", "", StringComparison.Ordinal);
        message.Should().Contain("https://account.example.com/invitations/accept?token").And.NotContain("evil.example");
    }

    [Fact]
    public async Task A_support_agent_lands_on_the_support_console_and_no_view_is_recorded_by_signing_in()
    {
        var support = await app.SignInAsync("support");
        var root = await support.GetAsync("/");
        root.Headers.Location!.OriginalString.Should().Be("/support");

        var users = await support.GetAsync("/account/users");
        users.StatusCode.Should().Be(HttpStatusCode.Redirect);
        users.Headers.Location!.AbsolutePath.Should().Be("/support");

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MyAccountDbContext>>().CreateDbContextAsync();
        (await db.AuditEntries.CountAsync(a => a.Action == "support.view")).Should().Be(0, "no account was opened");
        var resolved = await app.Services.GetRequiredService<AccountDirectory>().ResolveAsync(DemoPersonas.Support.Identity, true, null);
        resolved.CurrentAccount.Should().BeNull();
        resolved.Accounts.Should().HaveCount(3, "the support console and switcher still offer every account");
    }

    [Fact]
    public async Task Pages_allow_blazors_import_map_by_its_hash_and_connect_only_to_their_own_origin()
    {
        var client = await app.SignInAsync("member");
        var response = await client.GetAsync("/account/users");
        var html = await response.Content.ReadAsStringAsync();
        var importMap = Regex.Match(html, "<script type=\"importmap\"[^>]*>(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        importMap.Should().NotBeEmpty();
        var hash = "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMap)));

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().Contain($"script-src 'self' '{hash}'").And.NotContain("unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src", "script-src is not weakened");
        Regex.Match(csp, "script-src ([^;]*)").Groups[1].Value.Should().NotContain("unsafe-inline");
        Regex.Match(csp, "connect-src ([^;]*)").Groups[1].Value.Trim().Should().Be("'self'");
    }

    [Fact]
    public async Task The_favicon_browsers_ask_for_exists()
    {
        var response = await app.CreateClient().GetAsync("/favicon.ico");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(4).Should().Equal(new byte[] { 0, 0, 1, 0 }, "an ICO file");
    }

    [Fact]
    public async Task Pages_pdfs_csvs_and_api_answers_are_not_stored_by_caches()
    {
        await BillFirstDemoMonthAsync();
        var client = await app.SignInAsync("admin");
        foreach (var path in new[] { "/account/users", "/account/invoices.csv", "/account/activity.csv" })
        {
            var response = await client.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.OK, path);
            response.Headers.CacheControl!.NoStore.Should().BeTrue(path);
        }

        var csv = await client.GetStringAsync("/account/invoices.csv");
        var number = Regex.Match(csv, "INV-\\d{6}").Value;
        var pdf = await client.GetAsync($"/account/invoices/{number}/pdf");
        pdf.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        pdf.Headers.CacheControl!.NoStore.Should().BeTrue();

        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorApiFactory.Key);
        var invoice = await api.GetAsync($"/api/v1/invoices/{number}");
        invoice.StatusCode.Should().Be(HttpStatusCode.OK);
        invoice.Headers.CacheControl!.NoStore.Should().BeTrue();
    }

    [Fact]
    public async Task Invoice_totals_in_the_csv_have_the_currency_s_two_decimals()
    {
        await BillFirstDemoMonthAsync();
        var client = await app.SignInAsync("admin");
        var csv = await client.GetStringAsync("/account/invoices.csv");
        var totals = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split(',')[^1]).ToList();
        totals.Should().NotBeEmpty().And.OnlyContain(t => Regex.IsMatch(t, @"^-?\d+\.\d{2}$"), "every total is written with the currency's decimals");
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_https_gives_secure_cookies_and_an_untrusted_client_cannot_claim_it()
    {
        var viaProxy = app.CreateClientAt(IPAddress.Loopback);
        viaProxy.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        viaProxy.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.50");
        var secure = await viaProxy.GetAsync("/dev/signin?persona=member");
        secure.Headers.GetValues("Set-Cookie").Should().OnlyContain(c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));

        var direct = app.CreateClientAt(MyAccountAppFactory.UniqueClientAddress());
        direct.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var plain = await direct.GetAsync("/dev/signin?persona=member");
        plain.Headers.GetValues("Set-Cookie").Should().OnlyContain(c => !c.Contains("secure", StringComparison.OrdinalIgnoreCase),
            "a client that is not a trusted proxy cannot claim https");
    }

    [Fact]
    public async Task The_antiforgery_cookie_is_secure_over_https()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost/"), AllowAutoRedirect = false, HandleCookies = true,
        });
        client.DefaultRequestHeaders.Add(MyAccountAppFactory.ClientAddressHeader, MyAccountAppFactory.UniqueClientAddress().ToString());
        (await client.GetAsync("/dev/signin?persona=member")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var page = await client.GetAsync("/account/users");
        var antiforgery = page.Headers.GetValues("Set-Cookie").Where(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)).ToList();
        antiforgery.Should().NotBeEmpty().And.OnlyContain(c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>The operator API in Production: every malformed request is a problem-details answer, never an empty or HTML page.</summary>
public sealed class ApiProblemDetailsTests(ApiProblemDetailsTests.Fixture app) : IClassFixture<ApiProblemDetailsTests.Fixture>
{
    public sealed class Fixture : MyAccountAppFactory
    {
        public Fixture()
        {
            Environment = "Production";
            Settings = new()
            {
                ["DemoData:Enabled"] = "false",
                ["Operator:ApiKey"] = OperatorApiFactory.Key,
                ["Payments:AllowSandbox"] = "true",
                // Sign-in as production has it (its metadata is fetched only at the first sign-in, never here).
                ["Oidc:Authority"] = "http://127.0.0.1:9/",
                ["Oidc:ClientId"] = "myaccount-tests",
                ["Oidc:RequireHttpsMetadata"] = "false",
                ["Email:AllowPickupFolder"] = "true",
            };
        }
    }

    private HttpClient Operator(string scheme = "Bearer", string? key = null)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"{scheme} {key ?? OperatorApiFactory.Key}");
        return client;
    }

    private static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, text);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json", text);
        var body = JsonNode.Parse(text)!;
        body["status"]!.GetValue<int>().Should().Be((int)status);
        body["detail"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        text.Should().NotContain("   at ", "no stack trace").And.NotContain("System.", "no .NET type names");
        return body;
    }

    private Task<HttpResponseMessage> PostAsync(string path, string body, string contentType = "application/json") =>
        Operator().PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));

    [Theory]
    [InlineData("""{"name":"Acme","currency":""", "not valid JSON")]
    [InlineData("""{"name":"Acme","currency":"USD","colour":"red"}""", "Unknown field")]
    [InlineData("""{"name":"Acme","currency":"USD","name":"Evil"}""", "more than once")]
    [InlineData("""{"name":12,"currency":"USD"}""", "wrong type")]
    [InlineData("", "needs a JSON body")]
    public async Task A_body_that_cannot_be_read_is_a_400_problem_and_nothing_is_stored(string body, string detail)
    {
        var problem = await ProblemAsync(await PostAsync("/api/v1/accounts", body), HttpStatusCode.BadRequest);
        problem["detail"]!.GetValue<string>().Should().Contain(detail);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MyAccountDbContext>>().CreateDbContextAsync();
        (await db.Accounts.AnyAsync(a => a.Name == "Acme" || a.Name == "Evil")).Should().BeFalse();
    }

    [Fact]
    public async Task A_repeated_quantity_in_a_member_body_is_not_last_one_wins()
    {
        var response = await PostAsync("/api/v1/products", """{"code":"dup","code":"dup2","name":"Dup","unit":"requests","usageTypes":["a"]}""");
        await ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_body_that_is_not_json_is_415(string contentType)
    {
        await ProblemAsync(await PostAsync("/api/v1/accounts", """{"name":"Acme","currency":"USD"}""", contentType), HttpStatusCode.UnsupportedMediaType);
        await ProblemAsync(await PostAsync("/api/v1/usage", """{"events":[]}""", contentType), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Usage_events_with_a_repeated_field_or_a_second_events_array_are_refused()
    {
        var repeated = await PostAsync("/api/v1/usage",
            """{"events":[{"id":"e1","accountId":"00000000-0000-0000-0000-000000000001","productCode":"p","usageType":"t","quantity":-1,"quantity":5,"occurredAt":"2026-01-01T00:00:00Z"}]}""");
        var problem = await ProblemAsync(repeated, HttpStatusCode.BadRequest);
        problem["errors"]!.AsArray().Should().Contain(e => e!["field"]!.GetValue<string>() == "quantity" && e["message"]!.GetValue<string>().Contains("more than once"));

        var twoArrays = await PostAsync("/api/v1/usage", """{"events":[],"events":[]}""");
        (await ProblemAsync(twoArrays, HttpStatusCode.BadRequest))["detail"]!.GetValue<string>().Should().Contain("more than once");
    }

    [Theory]
    [InlineData("GET", "/api/v1/nothing-here")]
    [InlineData("GET", "/api/unknown")]
    [InlineData("POST", "/api/v1/invoices/INV-000001/void")]
    public async Task An_unknown_api_path_is_a_problem_details_404(string method, string path)
    {
        var response = await Operator().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        await ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_wrong_method_is_a_problem_details_405()
    {
        await ProblemAsync(await Operator().DeleteAsync("/api/v1/accounts"), HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Hsts_lasts_a_year_and_covers_subdomains()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://account.example.com/") });
        var response = await client.GetAsync("/healthz");
        var hsts = response.Headers.GetValues("Strict-Transport-Security").Single();
        hsts.Should().Contain("max-age=31536000").And.Contain("includeSubDomains");
    }
}

/// <summary>The usage API's rate limit is the authenticated operator's, however the key is written in the header.</summary>
public sealed class UsageRateLimitTests(UsageRateLimitTests.Fixture app) : IClassFixture<UsageRateLimitTests.Fixture>
{
    public sealed class Fixture : MyAccountAppFactory
    {
        public Fixture() => Settings = new()
        {
            ["DemoData:Enabled"] = "false",
            ["Operator:ApiKey"] = OperatorApiFactory.Key,
            ["RateLimits:UsageRequestsPerSecond"] = "3",
        };
    }

    private HttpClient Client(string scheme = "Bearer", string? key = null)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"{scheme} {key ?? OperatorApiFactory.Key}");
        return client;
    }

    [Fact]
    public async Task The_usage_rate_limit_counts_the_operator_however_the_key_is_spelled()
    {
        // 3 requests a second per operator. Spelling the key differently (case of the scheme, spaces) used to give a fresh bucket each.
        var spellings = new[] { Client(), Client("bearer"), Client("Bearer", OperatorApiFactory.Key + "  "), Client("BEARER") };
        var statuses = new List<HttpStatusCode>();
        for (var round = 0; round < 2; round++)
        {
            foreach (var client in spellings)
            {
                var response = await client.PostAsync("/api/v1/usage", new StringContent("""{"events":[]}""", Encoding.UTF8, "application/json"));
                statuses.Add(response.StatusCode);
            }
        }

        statuses.Should().Contain(HttpStatusCode.TooManyRequests, "8 requests in well under a second exceed the operator's 3 per second");
    }
}
