using System.Net.Http.Headers;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Api;

/// <summary>The app on a clean database (no demo data, no scheduler), driven by hand through the operator API.</summary>
public sealed class OperatorApiFactory : MyAccountAppFactory
{
    public const string Key = "test-operator-key";

    public OperatorApiFactory()
    {
        Settings = new()
        {
            ["DemoData:Enabled"] = "false",
            ["Operator:ApiKey"] = Key,
        };
    }

    public HttpClient Operator()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        return client;
    }
}
