using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;
using MyAccount.Domain.Common;
using MyAccount.Domain.Payments;

namespace MyAccount.Web.Components.Shared;

/// <summary>
/// The one error path of every page: an exception that escapes a component (an event handler, a lifecycle method, a render)
/// never ends the circuit. A domain refusal — not allowed, not found, invalid input, a conflict, a refused card — is shown as
/// its message and the page is shown again (reloading its data). Anything else is logged with a reference and the page
/// shows a short explanation with <em>Reload</em>; no exception text or stack trace reaches the browser.
/// </summary>
public sealed class PageErrorBoundary : ErrorBoundaryBase
{
    private string? _reference;
    private readonly Queue<DateTimeOffset> _recoveries = new();
    private bool _refusalLoop;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private ILogger<PageErrorBoundary> Logger { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    /// <summary>The message for people a domain exception carries, or null for an exception that is a defect.</summary>
    public static string? MessageFor(Exception exception) => exception switch
    {
        DomainValidationException or AccessDeniedException or NotFoundException or ConcurrencyConflictException or CardRefusedException => exception.Message,
        _ => null,
    };

    protected override Task OnErrorAsync(Exception exception)
    {
        _refusalLoop = false;
        if (MessageFor(exception) is { } message)
        {
            Logger.LogInformation("A page action was refused: {Message}", message);
            Snackbar.Add(message, exception is AccessDeniedException or NotFoundException ? Severity.Warning : Severity.Error);
            // The renderer has already discarded the page's components: show the page again, fresh — unless the page refuses
            // itself as it loads (more than 3 refusals in 10 seconds), which would loop: then the message stays with Reload.
            var now = Clock.GetUtcNow();
            _recoveries.Enqueue(now);
            while (_recoveries.Count > 0 && now - _recoveries.Peek() > TimeSpan.FromSeconds(10))
            {
                _recoveries.Dequeue();
            }

            if (_recoveries.Count <= 3)
            {
                _ = InvokeAsync(Recover);
                return Task.CompletedTask;
            }

            _refusalLoop = true;
            _recoveries.Clear();
        }

        _reference = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Logger.LogError(exception, "A page failed on {Uri} (reference {Reference}).", Navigation.Uri, _reference);
        return Task.CompletedTask;
    }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (CurrentException is null || (MessageFor(CurrentException) is not null && !_refusalLoop))
        {
            builder.AddContent(0, ChildContent);
            return;
        }

        builder.OpenComponent<MudAlert>(1);
        builder.AddComponentParameter(2, nameof(MudAlert.Severity), Severity.Error);
        builder.AddAttribute(3, "role", "alert");
        builder.AddAttribute(4, "data-testid", "page-error");
        builder.AddComponentParameter(5, nameof(MudAlert.ChildContent), (RenderFragment)(content =>
        {
            content.AddContent(0, _refusalLoop
                ? $"{MessageFor(CurrentException)} Reload to try again."
                : $"Something went wrong on this page, and it was not shown to the end. Nothing was changed by the action that failed. " +
                  $"Reload to try again; if it keeps happening, tell support the reference {_reference}.");
        }));
        builder.CloseComponent();
        builder.OpenComponent<MudButton>(6);
        builder.AddComponentParameter(7, nameof(MudButton.Variant), Variant.Filled);
        builder.AddComponentParameter(8, nameof(MudButton.Color), Color.Primary);
        builder.AddComponentParameter(9, nameof(MudButton.Class), "mt-3");
        builder.AddComponentParameter(10, nameof(MudButton.OnClick), EventCallback.Factory.Create<Microsoft.AspNetCore.Components.Web.MouseEventArgs>(this, Recover));
        builder.AddComponentParameter(11, nameof(MudButton.ChildContent), (RenderFragment)(content => content.AddContent(0, "Reload")));
        builder.CloseComponent();
    }
}
