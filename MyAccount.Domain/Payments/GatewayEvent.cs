namespace MyAccount.Domain.Payments;

/// <summary>A webhook event from the payment gateway, kept so that each event id is processed once (a replay does nothing).</summary>
public sealed class GatewayEvent
{
    private GatewayEvent()
    {
        Id = Type = "";
    }

    public GatewayEvent(string id, string type, DateTime receivedAt)
    {
        Id = id;
        Type = type;
        ReceivedAt = receivedAt;
    }

    public string Id { get; private set; }
    public string Type { get; private set; }
    public DateTime ReceivedAt { get; private set; }
}
