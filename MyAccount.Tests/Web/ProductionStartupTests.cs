using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Web;

public sealed class ProductionStartupTests
{
    [Fact]
    public async Task A_production_start_without_Entra_configuration_fails_and_says_what_to_configure()
    {
        await using var app = new MyAccountAppFactory { Environment = "Production" };
        var act = () => app.CreateClient();
        act.Should().Throw<InvalidOperationException>()
            .WithMessage("Sign-in is not configured*AzureAd:ClientId*ASPNETCORE_ENVIRONMENT=Development (current: Production)*");
    }
}
