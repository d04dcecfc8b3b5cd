using System.Security.Cryptography;
using System.Text;

namespace MyAccount.Domain.Members;

/// <summary>Invitation tokens: 32 random bytes, URL-safe; only their SHA-256 hash is stored.</summary>
public static class InvitationTokens
{
    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token ?? "")));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
