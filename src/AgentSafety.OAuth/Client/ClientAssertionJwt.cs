using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AgentSafety.OAuth;

/// <summary>Builds the signed JWTs of <c>private_key_jwt</c> client authentication (RFC 7523).</summary>
internal static class ClientAssertionJwt
{
    public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    // Short-lived on purpose: an assertion is made per request and providers reject replays by jti anyway.
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    public static string Create(
        string clientId,
        string audience,
        AsymmetricAlgorithm key,
        string? keyId,
        DateTimeOffset now)
    {
        var algorithm = AlgorithmFor(key);
        var header = new Dictionary<string, string> { ["alg"] = algorithm, ["typ"] = "JWT" };
        if (!string.IsNullOrEmpty(keyId))
            header["kid"] = keyId;

        var payload = new Dictionary<string, object>
        {
            ["iss"] = clientId,
            ["sub"] = clientId,
            ["aud"] = audience,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.Add(Lifetime).ToUnixTimeSeconds(),
        };

        var signingInput = Encode(JsonSerializer.SerializeToUtf8Bytes(header)) + "." +
            Encode(JsonSerializer.SerializeToUtf8Bytes(payload));
        var signature = Sign(key, Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Encode(signature);
    }

    public static AsymmetricAlgorithm ImportPrivateKey(string pem)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
            return ecdsa;
        }
        catch (Exception error) when (error is CryptographicException or ArgumentException)
        {
            ecdsa.Dispose();
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return rsa;
        }
        catch (Exception error) when (error is CryptographicException or ArgumentException)
        {
            rsa.Dispose();
            throw new ArgumentException("The PEM text holds no RSA or ECDSA private key.", nameof(pem));
        }
    }

    private static string AlgorithmFor(AsymmetricAlgorithm key) => key switch
    {
        RSA => "RS256",
        ECDsa { KeySize: 256 } => "ES256",
        ECDsa { KeySize: 384 } => "ES384",
        ECDsa { KeySize: 521 } => "ES512",
        _ => throw new NotSupportedException("Client assertions are signed with RSA or ECDSA P-256/384/521 keys."),
    };

    private static byte[] Sign(AsymmetricAlgorithm key, byte[] data) => key switch
    {
        RSA rsa => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        ECDsa { KeySize: 256 } ecdsa => ecdsa.SignData(data, HashAlgorithmName.SHA256),
        ECDsa { KeySize: 384 } ecdsa => ecdsa.SignData(data, HashAlgorithmName.SHA384),
        ECDsa ecdsa => ecdsa.SignData(data, HashAlgorithmName.SHA512),
        _ => throw new NotSupportedException("Client assertions are signed with RSA or ECDSA keys."),
    };

    private static string Encode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
