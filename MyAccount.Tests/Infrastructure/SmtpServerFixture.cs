using System.Net;
using System.Net.Sockets;
using netDumbster.smtp;

namespace MyAccount.Tests.Infrastructure;

/// <summary>A real SMTP server in-process (netDumbster) on a free loopback port.</summary>
public sealed class SmtpServerFixture : IDisposable
{
    public SmtpServerFixture()
    {
        Port = FreePort();
        Server = SimpleSmtpServer.Start(Port);
    }

    public int Port { get; }

    public SimpleSmtpServer Server { get; }

    /// <summary>The messages received so far, parsed with MimeKit.</summary>
    public IReadOnlyList<MimeKit.MimeMessage> Messages =>
        Server.ReceivedEmail.Select(m => MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data)))).ToList();

    public void Dispose() => Server.Dispose();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
