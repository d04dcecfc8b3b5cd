using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using MyAccount.Web.Live;

namespace MyAccount.Tests.Cluster;

/// <summary>A <c>/hubs/account</c> client on a real instance over WebSockets, signed in there as a demo persona.</summary>
public static class ClusterHub
{
    public static async Task<HubConnection> ConnectAsync(AppProcess instance, string persona)
    {
        var cookies = new CookieContainer();
        using (var client = instance.CreateClient(cookies))
        {
            (await client.GetAsync($"/dev/signin?persona={persona}")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(instance.Address, AccountHub.Path.TrimStart('/')), o =>
            {
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                o.Headers["Cookie"] = cookies.GetCookieHeader(instance.Address);
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }
}
