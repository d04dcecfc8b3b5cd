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
        // A page's first load on a cold database server (the PostgreSQL run, 2 cores under a parallel suite) can take more than
        // bunit's default second.
        DefaultWaitTimeout = TimeSpan.FromSeconds(30);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
            options.PopoverOptions.CheckForPopoverProvider = false;
        });
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        await SetUpAsync();
        // As in the running app: an interactive Blazor Server circuit. (Touching the renderer freezes the services.)
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    /// <summary>Register services here; they cannot be added once the renderer exists.</summary>
    protected virtual Task SetUpAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeCoreAsync();
        await base.DisposeAsync();
    }

    protected virtual Task DisposeCoreAsync() => Task.CompletedTask;
}
