using Bunit;
using Microsoft.AspNetCore.Components;
using MyAccount.Tests.Infrastructure;
using MyAccount.Web.Components.Shared;

namespace MyAccount.Tests.Components;

public sealed class PagerTests : MudComponentTest
{
    [Theory]
    [InlineData(1, 1, "1")]
    [InlineData(1, 7, "1 2 3 4 5 6 7")]
    [InlineData(1, 20, "1 2 … 19 20")]
    [InlineData(4, 20, "1 2 3 4 5 … 19 20")]
    [InlineData(10, 20, "1 2 … 9 10 11 … 19 20")]
    [InlineData(20, 20, "1 2 … 19 20")]
    [InlineData(17, 20, "1 2 … 16 17 18 19 20")]
    public void Shows_the_first_and_last_pages_and_the_current_ones_neighbours(int selected, int count, string expected) =>
        string.Join(' ', Pager.Pages(selected, count).Select(p => p == 0 ? "…" : p.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Should().Be(expected);

    [Fact]
    public void Previous_next_and_a_page_number_ask_for_that_page_and_the_current_page_is_marked()
    {
        var asked = new List<int>();
        var cut = Render<Pager>(p => p.Add(x => x.Count, 12).Add(x => x.Selected, 5)
            .Add(x => x.SelectedChanged, EventCallback.Factory.Create<int>(this, asked.Add))
            .AddUnmatched("aria-label", "Member pages"));

        cut.Find("ul").GetAttribute("aria-label").Should().Be("Member pages");
        cut.Find("[aria-current=page]").TextContent.Trim().Should().Be("5");
        cut.Find("[aria-label='Previous page']").Click();
        cut.Find("[aria-label='Next page']").Click();
        cut.Find("[aria-label='Page 12']").Click();
        asked.Should().Equal(4, 6, 12);
    }

    [Fact]
    public void Previous_is_disabled_on_the_first_page_and_next_on_the_last()
    {
        var first = Render<Pager>(p => p.Add(x => x.Count, 3).Add(x => x.Selected, 1));
        first.Find("[aria-label='Previous page']").HasAttribute("disabled").Should().BeTrue();
        first.Find("[aria-label='Next page']").HasAttribute("disabled").Should().BeFalse();

        var last = Render<Pager>(p => p.Add(x => x.Count, 3).Add(x => x.Selected, 3));
        last.Find("[aria-label='Next page']").HasAttribute("disabled").Should().BeTrue();
    }
}
