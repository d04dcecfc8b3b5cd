namespace MyAccount.Domain.Invoices;

/// <summary>
/// The one gapless invoice number sequence: a single row, incremented inside the transaction that posts the invoice,
/// so a rolled-back post never leaves a hole.
/// </summary>
public sealed class InvoiceNumberSequence
{
    public const int SingletonId = 1;

    private InvoiceNumberSequence()
    {
    }

    public int Id { get; private set; } = SingletonId;

    public long LastNumber { get; private set; }
}
