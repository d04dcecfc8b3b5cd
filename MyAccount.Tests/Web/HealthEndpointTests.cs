using System.Net;
using System.Text.Json;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Web;

/// <summary>Liveness says the process answers; readiness that the database — and Redis, when configured — answer. No secrets in either.</summary>
public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Liveness_is_the_process_and_readiness_the_database()
    {
        await using var app = new MyAccountAppFactory { Settings = new() { ["DemoData:Enabled"] = "false" } };
        var client = app.CreateClient();

        var live = await client.GetAsync("/healthz");
        live.StatusCode.Should().Be(HttpStatusCode.OK);
        Names(await live.Content.ReadAsStringAsync()).Should().Equal("process");

        var ready = await client.GetAsync("/healthz/ready");
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        Names(await ready.Content.ReadAsStringAsync()).Should().Equal("database");
    }

    [Fact]
    public async Task A_configured_Redis_that_does_not_answer_makes_the_instance_not_ready_but_alive_and_its_address_is_not_shown()
    {
        await using var app = new MyAccountAppFactory
        {
            Settings = new()
            {
                ["DemoData:Enabled"] = "false",
                ["ConnectionStrings:Redis"] = "127.0.0.1:1,password=never-shown,connectTimeout=300,syncTimeout=300,asyncTimeout=300",
            },
        };
        var client = app.CreateClient();

        (await client.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
        var ready = await client.GetAsync("/healthz/ready");
        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var body = await ready.Content.ReadAsStringAsync();
        Names(body).Should().Equal("database", "redis");
        body.Should().Contain("Redis cannot be reached.").And.NotContain("never-shown").And.NotContain("127.0.0.1");
    }

    private static List<string> Names(string json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList();
}
