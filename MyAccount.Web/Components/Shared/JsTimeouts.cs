namespace MyAccount.Web.Components.Shared;

/// <summary>
/// How long a JS interop call may take. The circuit's default is short (<see cref="Default"/>): a closed tab's circuit, and every
/// component in it, is kept until its last pending call times out, and calls made while a tab closes are never answered.
/// </summary>
public static class JsTimeouts
{
    /// <summary>Every call that sets no timeout of its own (MudBlazor's included): they answer in milliseconds.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(15);

    /// <summary>Calls that load a script or module first (Stripe.js, a module import): a slow connection may take a while.</summary>
    public static readonly TimeSpan LoadsScript = TimeSpan.FromMinutes(1);

    /// <summary>Calls that return when a person is done (the print dialog, a card's 3-D Secure check).</summary>
    public static readonly TimeSpan WaitsForPerson = TimeSpan.FromMinutes(15);
}
