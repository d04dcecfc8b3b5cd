using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using MyAccount.Domain.Common;
using MyAccount.Tests.Infrastructure;
using MyAccount.Web.Components.Shared;
using Bunit.Rendering;

namespace MyAccount.Tests.Components;

/// <summary>The one error path of every page: an exception in an event handler never ends the circuit.</summary>
public sealed class PageErrorBoundaryTests : MudComponentTest
{
    protected override Task SetUpAsync()
    {
        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        Services.AddSingleton<TimeProvider>(TestClock.Create());
        return Task.CompletedTask;
    }

    /// <summary>A page whose button throws what it is given, and counts how often it was created.</summary>
    public sealed class ThrowingPage : ComponentBase
    {
        public static int Created;

        [Parameter] public Func<Exception> Throw { get; set; } = default!;

        protected override void OnInitialized() => Interlocked.Increment(ref Created);

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "button");
            builder.AddAttribute(1, "id", "act");
            builder.AddAttribute(2, "onclick", EventCallback.Factory.Create(this, () => throw Throw()));
            builder.AddContent(3, "Act");
            builder.CloseElement();
        }
    }

    /// <summary>A page that refuses itself as it loads, every time.</summary>
    public sealed class SelfRefusingPage : ComponentBase
    {
        public static int Attempts;

        protected override void OnInitialized()
        {
            Interlocked.Increment(ref Attempts);
            throw new AccessDeniedException("You cannot view this account.");
        }
    }

    [Fact]
    public void A_page_that_refuses_itself_as_it_loads_does_not_loop_but_shows_the_message()
    {
        var cut = Render(builder =>
        {
            builder.OpenComponent<MudSnackbarProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<PageErrorBoundary>(1);
            builder.AddAttribute(2, "ChildContent", (RenderFragment)(page =>
            {
                page.OpenComponent<SelfRefusingPage>(3);
                page.CloseComponent();
            }));
            builder.CloseComponent();
        });

        cut.WaitForAssertion(() => cut.Find("[data-testid=page-error]").TextContent.Should().Contain("You cannot view this account."));
        SelfRefusingPage.Attempts.Should().BeLessThanOrEqualTo(5, "the boundary gives up after a few refusals in a row");
    }

    private IRenderedComponent<ContainerFragment> RenderPage(Func<Exception> exception) =>
        Render(builder =>
        {
            builder.OpenComponent<MudSnackbarProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<PageErrorBoundary>(1);
            builder.AddAttribute(2, "ChildContent", (RenderFragment)(page =>
            {
                page.OpenComponent<ThrowingPage>(3);
                page.AddAttribute(4, nameof(ThrowingPage.Throw), exception);
                page.CloseComponent();
            }));
            builder.CloseComponent();
        });

    [Fact]
    public void A_domain_refusal_in_a_handler_is_shown_as_its_message_and_the_page_comes_back()
    {
        var cut = RenderPage(() => new DomainValidationException("email", "This account sent 20 invitations in the last hour. Try again later."));
        var before = ThrowingPage.Created;

        cut.Find("#act").Click();

        cut.WaitForAssertion(() => cut.Markup.Should().Contain("This account sent 20 invitations in the last hour. Try again later."));
        cut.WaitForAssertion(() => cut.FindAll("#act").Should().ContainSingle("the page is shown again"));
        ThrowingPage.Created.Should().BeGreaterThan(before);
        cut.FindAll("[data-testid=page-error]").Should().BeEmpty();
    }

    [Fact]
    public void A_defect_in_a_handler_shows_an_explanation_with_a_reference_and_no_exception_text()
    {
        var cut = RenderPage(() => new InvalidOperationException("Sequence contains no elements at MyAccount.Secret.Internals"));

        cut.Find("#act").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=page-error]").TextContent.Should().Contain("Something went wrong on this page"));
        cut.Markup.Should().NotContain("Sequence contains").And.NotContain("MyAccount.Secret");
        cut.FindAll("#act").Should().BeEmpty();

        cut.FindAll("button").Single(b => b.TextContent.Contains("Reload", StringComparison.Ordinal)).Click();
        cut.WaitForAssertion(() => cut.FindAll("#act").Should().ContainSingle("Reload shows the page again"));
    }
}
