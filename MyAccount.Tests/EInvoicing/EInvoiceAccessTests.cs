using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Access;
using MyAccount.Domain.Common;
using MyAccount.Domain.EInvoicing;
using MyAccount.Domain.Members;
using MyAccount.Tests.Billing;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.EInvoicing;

/// <summary>E-invoices are read like the invoice: its account's members, support agents (audited) and operators; nobody else learns it exists.</summary>
public sealed class EInvoiceAccessTests
{
    [Theory]
    [InlineData("admin", true)]
    [InlineData("member", true)]
    [InlineData("support", true)]
    [InlineData("operator", true)]
    [InlineData("other-account", false)]
    [InlineData("removed", false)]
    public async Task Only_those_who_may_view_the_account_get_its_e_invoices(string persona, bool allowed)
    {
        await using var fixture = await DomainFixture.CreateAsync(new DateTimeOffset(TestClock.Start.Year, 11, 28, 10, 0, 0, TimeSpan.Zero));
        var world = await TestWorld.CreateAsync(fixture);
        await new BillingScenario(fixture).RunAsync($"{TestClock.Start.Year:D4}-11", world.Acme.Id);
        await using var db = fixture.CreateDbContext();
        var number = await db.Invoices.Where(i => i.AccountId == world.Acme.Id).Select(i => i.Number).SingleAsync();
        Actor actor = persona switch
        {
            "admin" => TestWorld.ActorFor(world.AcmeAdmin),
            "member" => TestWorld.ActorFor(world.AcmeReader),
            "support" => new SupportAgentActor(new PersonIdentity("vendor", "agent", "Sam Support")),
            "operator" => BillingScenario.Operator,
            "other-account" => TestWorld.ActorFor(world.GlobexAdmin),
            _ => TestWorld.ActorFor(world.AcmeRemoved),
        };

        var read = () => fixture.Get<EInvoiceService>().GetFileAsync(actor, number, EInvoiceSyntax.Ubl);

        if (allowed)
        {
            (await read()).FileName.Should().Be($"{number}-ubl.xml");
        }
        else
        {
            await read.Should().ThrowAsync<NotFoundException>();
        }

        if (persona == "support")
        {
            (await db.AuditEntries.AnyAsync(a => a.Action == "support.view" && a.Target == $"e-invoice {number}")).Should().BeTrue();
        }
    }
}
