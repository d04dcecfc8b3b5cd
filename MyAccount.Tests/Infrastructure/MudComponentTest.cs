using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace MyAccount.Tests.Infrastructure;

/// <summary>
/// Base for bunit tests of MudBlazor components: loose JS interop, MudBlazor services without transitions, and the
/// async teardown MudBlazor's popovers need.
/// </summary>
public abstract class MudComponentTest : BunitContext, IAsyncLifetime
{
    protected MudComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
            options.PopoverOptions.CheckForPopoverProvider = false;
        });
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeCoreAsync();
        await base.DisposeAsync();
    }

    protected virtual Task DisposeCoreAsync() => Task.CompletedTask;
}
