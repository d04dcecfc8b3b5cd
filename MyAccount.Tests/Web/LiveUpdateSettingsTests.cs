using Microsoft.Extensions.DependencyInjection;
using MyAccount.Tests.Infrastructure;
using MyAccount.Web.Live;

namespace MyAccount.Tests.Web;

/// <summary>How many dashboard handlers run at once: one per core unless LiveUpdates:MaxConcurrentDashboards says otherwise.</summary>
public sealed class LiveUpdateSettingsTests
{
    [Fact]
    public async Task Dashboards_take_one_turn_per_core_by_default_and_the_configured_number_when_set()
    {
        await using var byDefault = new MyAccountAppFactory();
        await using var configured = new MyAccountAppFactory { Settings = new() { ["LiveUpdates:MaxConcurrentDashboards"] = "3" } };

        byDefault.Services.GetRequiredService<AccountEventNotifier>().MaxConcurrentDashboards.Should().Be(Environment.ProcessorCount);
        configured.Services.GetRequiredService<AccountEventNotifier>().MaxConcurrentDashboards.Should().Be(3);
    }
}
