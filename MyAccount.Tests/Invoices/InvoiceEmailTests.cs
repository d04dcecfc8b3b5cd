using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;
using MyAccount.Tests.Infrastructure;
using MyAccount.Web.Documents;
using MyAccount.Web.Email;

namespace MyAccount.Tests.Invoices;

/// <summary>Posting emails the invoice with its PDF to every recipient, through a real in-process SMTP server; a failure is retried later.</summary>
public sealed class InvoiceEmailTests : IAsyncLifetime, IDisposable
{
    private readonly SmtpServerFixture _smtp = new();
    private DomainFixture _fixture = null!;
    private AccountId _acme;

    public async Task InitializeAsync()
    {
        _fixture = await DomainFixture.CreateAsync(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));
        _acme = await InvoiceScenario.TwoInvoicesAsync(_fixture);
    }

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    public void Dispose() => _smtp.Dispose();

    private InvoiceEmailDispatcher Dispatcher(int port) => new(_fixture.Get<IDbContextFactory<Domain.Persistence.MyAccountDbContext>>(),
        _fixture.Get<InvoiceQueries>(), new InvoicePdfRenderer(new VendorOptions()),
        new SmtpEmailSender(new EmailOptions { Smtp = new EmailOptions.SmtpOptions { Host = "127.0.0.1", Port = port } }),
        _fixture.Clock, NullLogger<InvoiceEmailDispatcher>.Instance, _fixture.Get<CreditNoteService>());

    [Fact]
    public async Task Each_posted_invoice_reaches_every_recipient_with_its_pdf()
    {
        (await Dispatcher(_smtp.Port).DispatchDueAsync()).Should().Be(2);

        var messages = _smtp.Messages;
        messages.Should().HaveCount(2);
        var november = messages.Single(m => m.Subject!.Contains("November 2026", StringComparison.Ordinal));
        var number = await InvoiceScenario.NumberAsync(_fixture, _acme, "2026-11");
        november.Subject.Should().Be($"Invoice {number} for November 2026: USD 283.67");
        november.To.Mailboxes.Select(m => m.Address).Should().Equal("billing@acme.com", "cfo@acme.com");
        var attachment = november.Attachments.OfType<MimeKit.MimePart>().Single();
        attachment.FileName.Should().Be($"{number}.pdf");
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(content.ToArray());
        string.Join(' ', pdf.GetPage(1).GetWords().Select(w => w.Text)).Should().Contain($"Invoice {number}");

        (await Dispatcher(_smtp.Port).DispatchDueAsync()).Should().Be(0, "each invoice is emailed once");
    }

    [Fact]
    public async Task A_failed_send_is_retried_later_and_never_touches_the_invoice()
    {
        (await Dispatcher(port: 1).DispatchDueAsync()).Should().Be(0);
        await using (var db = _fixture.CreateDbContext())
        {
            var deliveries = await db.Set<InvoiceEmailDelivery>().ToListAsync();
            deliveries.Should().HaveCount(2).And.OnlyContain(d => d.Attempts == 1 && d.SentAt == null && d.LastError != null);
            deliveries.Should().OnlyContain(d => d.NextAttemptAt == _fixture.Clock.GetUtcNow().UtcDateTime.AddMinutes(1));
            (await db.Invoices.CountAsync()).Should().Be(2);
        }

        (await Dispatcher(_smtp.Port).DispatchDueAsync()).Should().Be(0, "the retry is not due yet");
        _fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        (await Dispatcher(_smtp.Port).DispatchDueAsync()).Should().Be(2);
        _smtp.Messages.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_credit_note_is_emailed_to_the_invoice_recipients_with_its_pdf()
    {
        await Dispatcher(_smtp.Port).DispatchDueAsync();
        var number = await InvoiceScenario.NumberAsync(_fixture, _acme, "2026-11");
        var note = await _fixture.Get<CreditNoteService>().IssueAsync(Billing.BillingScenario.Operator, number,
            new CreditNoteInput("Search was slow on the 3rd", 12_34, null, CreditNoteSettlement.Balance));

        (await Dispatcher(_smtp.Port).DispatchDueAsync()).Should().Be(1);

        var message = _smtp.Messages.Single(m => m.Subject!.StartsWith("Credit note", StringComparison.Ordinal));
        message.Subject.Should().Be($"Credit note {note.Number} for invoice {number}: USD 12.34");
        message.To.Mailboxes.Select(m => m.Address).Should().Equal("billing@acme.com", "cfo@acme.com");
        message.TextBody.Should().Contain("Reason: Search was slow on the 3rd")
            .And.Contain("USD 12.34 is added to your account's credit balance and applied to your next invoices.");
        var attachment = message.Attachments.OfType<MimeKit.MimePart>().Single();
        attachment.FileName.Should().Be($"{note.Number}.pdf");
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(content.ToArray());
        var text = string.Join(' ', pdf.GetPage(1).GetWords().Select(w => w.Text));
        text.Should().Contain($"Credit note {note.Number}").And.Contain($"Credits invoice {number}").And.Contain("Reason: Search was slow on the 3rd")
            .And.Contain("Credit note total USD -12.34");
        (await Dispatcher(_smtp.Port).DispatchDueAsync()).Should().Be(0, "each credit note is emailed once");
    }
}
