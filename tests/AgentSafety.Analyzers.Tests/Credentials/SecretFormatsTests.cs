using AgentSafety.Analyzers.Credentials;

namespace AgentSafety.Analyzers.Tests.Credentials;

/// <summary>
/// Realistic-looking values and shape-only fakes per format family, as gitleaks' rule tests do.
/// </summary>
public sealed class SecretFormatsTests
{
    [Theory]
    [InlineData("ghp_R8x2kLq9ZtW4mVbN7cJ1pYs3dHf6gA0eUo5i", "GitHub token")]
    [InlineData("token ghs_R8x2kLq9ZtW4mVbN7cJ1pYs3dHf6gA0eUo5i", "GitHub token")]
    [InlineData("glpat-x9Kq2LmZ7vB4nR1tY6wP", "GitLab token")]
    [InlineData("AKIAZ7Q4MN2XV5RJ3K6T", "AWS access key id")]
    [InlineData("AIzaSyD4f8Kq2LmZ7vB4nR1tY6wPx9Kq2LmZ7vB", "Google API key")]
    [InlineData("sk-proj-4f8Kq2LmZ7vB4nR1tY6wPx9Kq2LmZ7vB4nR1tY6wPx9Kq2LmZ7vB4nR1tY6wP", "OpenAI project key")]
    [InlineData("sk_live_4eC39HqLyjWDarjtT1zdp7dc", "Stripe secret key")]
    [InlineData("xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "Slack token")]
    [InlineData("SG.Kq2LmZ7vB4nR1tY6wPx9Kq.2LmZ7vB4nR1tY6wPx9Kq2LmZ7vB4nR1tY6wPx9Kq2Lm", "SendGrid API key")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA", "private key")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        "JSON Web Token")]
    public void RealisticValue_IsRecognised(string text, string expected) =>
        Assert.Equal(expected, SecretFormats.Find(text)?.Description);

    [Theory]
    [InlineData("ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData("ghp_000000000000000000000000000000000000")]
    [InlineData("AKIAAAAAAAAAAAAAAAAA")]
    [InlineData("sk_live_xxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A")]
    [InlineData("https://api.github.com/repos/{owner}/{repo}/issues")]
    [InlineData("The GitHub token looks like ghp_ followed by 36 characters")]
    public void ShapeOnlyFakeOrText_IsNotRecognised(string text) => Assert.Null(SecretFormats.Find(text));

    [Theory]
    [InlineData("Server=db;User Id=agent;Password=Tr0ub4dor&3", "Password")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=x;AccountKey=Zm9vYmFyYmF6cXV4", "AccountKey")]
    [InlineData("amqps://reader:s3cr3t-Feed@bus.example.com/", "URI password")]
    public void EmbeddedCredential_IsRecognised(string text, string expected) =>
        Assert.Equal(expected, EmbeddedCredentials.Find(text));

    [Theory]
    [InlineData("Server=db;Integrated Security=true")]
    [InlineData("Server=db;Password={0}")]
    [InlineData("Server=db;Password=;")]
    [InlineData("https://user:user@host/")]
    [InlineData("https://api.example.com/?key=")]
    public void BenignConnectionStringOrUri_IsNotRecognised(string text) => Assert.Null(EmbeddedCredentials.Find(text));
}
