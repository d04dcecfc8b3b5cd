using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using MyAccount.Tests.Infrastructure;
using MyAccount.Web.Cluster;

namespace MyAccount.Tests.Cluster;

/// <summary><c>Clock:Start</c>: the app's clock starts at the configured instant and runs on from there, in Development only.</summary>
public sealed class PinnedStartClockTests
{
    [Fact]
    public void The_clock_starts_at_the_configured_instant_and_moves_forward_from_it()
    {
        var clock = new PinnedStartClock(TestClock.Start);

        var first = clock.GetUtcNow();
        var second = clock.GetUtcNow();

        first.Should().BeOnOrAfter(TestClock.Start).And.BeBefore(TestClock.Start.AddMinutes(1));
        second.Should().BeOnOrAfter(first);
    }

    [Theory]
    [InlineData("Development", true)]
    [InlineData("Production", false)]
    public void Only_Development_accepts_a_pinned_start(string environment, bool accepted)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration["Clock:Start"] = TestClock.Start.ToString("O");

        var act = () => PinnedStartClock.AddFromConfiguration(builder);

        if (accepted)
        {
            act();
            builder.Services.BuildServiceProvider().GetRequiredService<TimeProvider>().GetUtcNow().Should().BeOnOrAfter(TestClock.Start);
        }
        else
        {
            act.Should().Throw<InvalidOperationException>().WithMessage("Clock:Start*refused outside Development*");
        }
    }
}
