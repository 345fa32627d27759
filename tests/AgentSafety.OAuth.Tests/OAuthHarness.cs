using AgentSafety.OAuth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AgentSafety.OAuth.Tests;

/// <summary>
/// The real DI wiring (AddAgentSafety + AddCibaApprovals / AddTokenVault) with every log line of every category,
/// HttpClient factory included, captured at trace level, so tests can prove no secret reaches a log.
/// </summary>
internal sealed class OAuthHarness : IDisposable
{
    private readonly ServiceProvider _services;

    private OAuthHarness(ServiceProvider services)
    {
        _services = services;
        Logs = services.GetFakeLogCollector();
    }

    public FakeLogCollector Logs { get; }

    public IApprovalGate Gate => _services.GetRequiredService<IApprovalGate>();

    public ITokenVault Vault => _services.GetRequiredService<ITokenVault>();

    public ToolGuard Guard => _services.GetRequiredService<ToolGuard>();

    public static OAuthHarness Create(Action<AgentSafetyBuilder> configure, TimeProvider? time = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        if (time is not null)
            services.AddSingleton(time);

        configure(services.AddAgentSafety());
        return new OAuthHarness(services.BuildServiceProvider());
    }

    /// <summary>Every captured line: message, structured values and exception text.</summary>
    public string AllLogText()
    {
        var lines = Logs.GetSnapshot().Select(record => string.Join(" | ",
            record.Category, record.Message, record.Exception?.ToString() ?? "",
            string.Join(";", record.StructuredState?.Select(pair => $"{pair.Key}={pair.Value}") ?? [])));
        return string.Join('\n', lines);
    }

    /// <summary>Fails if any of <paramref name="secrets"/> or anything shaped like a JWT appears in the logs.</summary>
    public void AssertLogsHide(params string?[] secrets)
    {
        var text = AllLogText();
        Assert.NotEmpty(Logs.GetSnapshot());
        foreach (var secret in secrets.Where(secret => !string.IsNullOrEmpty(secret)))
            Assert.DoesNotContain(secret!, text, StringComparison.Ordinal);

        // Client assertions, ID tokens and JWT access tokens all start with a base64url JSON header.
        Assert.DoesNotContain("eyJ", text, StringComparison.Ordinal);
    }

    public void Dispose() => _services.Dispose();
}
