using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AgentSafety.OAuth.Tests;

public sealed class ClientAssertionJwtTests
{
    [Theory]
    [InlineData("rsa", "RS256")]
    [InlineData("p256", "ES256")]
    [InlineData("p384", "ES384")]
    public void Create_SignatureVerifiesWithPublicKey(string kind, string algorithm)
    {
        using AsymmetricAlgorithm key = kind switch
        {
            "rsa" => RSA.Create(2048),
            "p256" => ECDsa.Create(ECCurve.NamedCurves.nistP256),
            _ => ECDsa.Create(ECCurve.NamedCurves.nistP384),
        };
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

        var jwt = ClientAssertionJwt.Create("agent", "https://idp.example/", key, "k1", now);

        var parts = jwt.Split('.');
        var header = JsonDocument.Parse(Decode(parts[0])).RootElement;
        var payload = JsonDocument.Parse(Decode(parts[1])).RootElement;
        Assert.Equal(algorithm, header.GetProperty("alg").GetString());
        Assert.Equal("k1", header.GetProperty("kid").GetString());
        Assert.Equal("agent", payload.GetProperty("iss").GetString());
        Assert.Equal("agent", payload.GetProperty("sub").GetString());
        Assert.Equal("https://idp.example/", payload.GetProperty("aud").GetString());
        Assert.Equal(1_800_000_060, payload.GetProperty("exp").GetInt64());
        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        var signature = Decode(parts[2]);
        var valid = key switch
        {
            RSA rsa => rsa.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa { KeySize: 256 } ec => ec.VerifyData(signed, signature, HashAlgorithmName.SHA256),
            ECDsa ec => ec.VerifyData(signed, signature, HashAlgorithmName.SHA384),
            _ => false,
        };
        Assert.True(valid);
    }

    [Fact]
    public void Create_EveryAssertionHasItsOwnJti()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var first = ClientAssertionJwt.Create("agent", "aud", key, null, DateTimeOffset.UtcNow);
        var second = ClientAssertionJwt.Create("agent", "aud", key, null, DateTimeOffset.UtcNow);

        Assert.NotEqual(Jti(first), Jti(second));
    }

    private static string Jti(string jwt) =>
        JsonDocument.Parse(Decode(jwt.Split('.')[1])).RootElement.GetProperty("jti").GetString()!;

    private static byte[] Decode(string part)
    {
        var base64 = part.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }
}
