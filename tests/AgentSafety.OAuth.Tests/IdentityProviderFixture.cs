using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentSafety.OAuth.Tests;

/// <summary>
/// Runs the real identity provider in <c>tests/idp</c> (node oidc-provider) on a free 127.0.0.1 port for the
/// tests of one collection: installs it with <c>npm ci</c> when its packages are missing or stale, waits for its
/// discovery document, and stops it on dispose.
/// </summary>
public class IdentityProviderFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    private Process? _node;

    /// <summary>The issuer URL, such as <c>http://127.0.0.1:40123</c>.</summary>
    public string Issuer { get; private set; } = "";

    /// <summary>The provider's test control API.</summary>
    public IdentityProviderControl Control { get; private set; } = null!;

    /// <summary>Output the provider printed, for failure messages.</summary>
    public List<string> Output { get; } = [];

    /// <summary>The options server.js starts with; demo fixtures add <c>--accept-any-user</c> and the like.</summary>
    protected virtual string ServerArguments => "--quiet";

    public async Task InitializeAsync()
    {
        var folder = RepositoryPaths.Combine("tests", "idp");
        await InstallIfNeededAsync(folder);

        var start = new ProcessStartInfo("node", "server.js " + ServerArguments)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.Environment["IDP_EXIT_ON_STDIN_CLOSE"] = "1";
        _node = Process.Start(start) ?? throw new InvalidOperationException("node could not be started");

        var issuer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _node.OutputDataReceived += (_, line) => OnOutput(line.Data, issuer);
        _node.ErrorDataReceived += (_, line) => OnOutput(line.Data, null);
        _node.BeginOutputReadLine();
        _node.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(StartTimeout);
        var exited = _node.WaitForExitAsync(timeout.Token);
        var first = await Task.WhenAny(issuer.Task, exited, Task.Delay(StartTimeout));
        if (first != issuer.Task)
        {
            var output = string.Join('\n', Output);
            throw new InvalidOperationException("the test identity provider did not start:\n" + output);
        }

        Issuer = issuer.Task.Result;
        Control = new IdentityProviderControl(Issuer);
        await WaitForDiscoveryAsync(timeout.Token);
    }

    public Task DisposeAsync()
    {
        if (_node is { HasExited: false })
        {
            _node.Kill(entireProcessTree: true);
            _node.WaitForExit(5000);
        }

        _node?.Dispose();
        Control?.Dispose();
        return Task.CompletedTask;
    }

    private void OnOutput(string? line, TaskCompletionSource<string>? issuer)
    {
        if (line is null)
            return;

        lock (Output)
            Output.Add(line);

        if (issuer is null || !line.StartsWith('{'))
            return;

        try
        {
            var value = JsonNode.Parse(line)?["issuer"]?.GetValue<string>();
            if (value is not null)
                issuer.TrySetResult(value);
        }
        catch (JsonException)
        {
            // Not the start-up line; the provider prints nothing else that starts with a brace.
        }
    }

    // npm ci is slow and needs the registry, so it runs only when node_modules is missing or older than the lock.
    private static async Task InstallIfNeededAsync(string folder)
    {
        var lockFile = Path.Combine(folder, "package-lock.json");
        var installed = Path.Combine(folder, "node_modules", ".package-lock.json");
        if (File.Exists(installed) && File.GetLastWriteTimeUtc(installed) >= File.GetLastWriteTimeUtc(lockFile))
            return;

        var npm = new ProcessStartInfo("npm", "ci --no-audit --no-fund")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(npm) ?? throw new InvalidOperationException("npm could not be started");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(InstallTimeout);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"npm ci failed in {folder}:\n{await output}\n{await errors}");
    }

    private async Task WaitForDiscoveryAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(
                    Issuer + "/.well-known/openid-configuration", cancellationToken);
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class IdentityProviderCollection : ICollectionFixture<IdentityProviderFixture>
{
    public const string Name = "identity provider";
}

/// <summary>A typed client for the test provider's loopback control API.</summary>
public sealed class IdentityProviderControl : IDisposable
{
    private readonly HttpClient _http;

    public IdentityProviderControl(string issuer) =>
        _http = new HttpClient { BaseAddress = new Uri(issuer + "/control/") };

    public async Task ResetAsync(object? settings = null)
    {
        (await _http.PostAsync("reset", null)).EnsureSuccessStatusCode();
        if (settings is not null)
            (await _http.PostAsJsonAsync("settings", settings)).EnsureSuccessStatusCode();
    }

    public async Task<IReadOnlyList<CibaRequestRecord>> RequestsAsync() =>
        await _http.GetFromJsonAsync<List<CibaRequestRecord>>("requests") ?? [];

    /// <summary>Waits until a request is pending, then answers it with approve, deny or expire.</summary>
    public async Task<CibaRequestRecord> AnswerNextAsync(string action, int knownBefore)
    {
        var pending = await WaitForRequestAsync(knownBefore);
        (await _http.PostAsync($"requests/{pending.Id}/{action}", null)).EnsureSuccessStatusCode();
        return pending;
    }

    public async Task<CibaRequestRecord> WaitForRequestAsync(int knownBefore)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var requests = await RequestsAsync();
            var created = requests.FirstOrDefault(request => request.Id > knownBefore);
            if (created is not null)
                return created;

            await Task.Delay(50, timeout.Token);
        }
    }

    public async Task<int> LastRequestIdAsync() => (await RequestsAsync()).Select(r => r.Id).DefaultIfEmpty(0).Max();

    public async Task<CibaRequestRecord> RequestAsync(int id) => (await RequestsAsync()).Single(r => r.Id == id);

    public async Task<SubjectTokens> SubjectTokensAsync(string user)
    {
        using var response = await _http.PostAsJsonAsync("subject-tokens", new { user });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SubjectTokens>())!;
    }

    public async Task<IReadOnlyList<ExchangeRecord>> ExchangesAsync() =>
        await _http.GetFromJsonAsync<List<ExchangeRecord>>("exchanges") ?? [];

    public async Task<ClientKey> ClientKeyAsync() => (await _http.GetFromJsonAsync<ClientKey>("client-key"))!;

    public void Dispose() => _http.Dispose();
}

public sealed record CibaRequestRecord(
    int Id,
    string AuthReqId,
    string AccountId,
    string ClientId,
    string Scope,
    string? BindingMessage,
    string? Audience,
    string? RequestedExpiry,
    string Status,
    List<PollRecord> Polls);

public sealed record PollRecord(int GapMs, bool Early, bool AfterIssue, int ExpectedMs, string? Result);

public sealed record SubjectTokens(
    [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
    [property: System.Text.Json.Serialization.JsonPropertyName("refresh_token")] string RefreshToken);

public sealed record ExchangeRecord(string Grant, string AccountId, string Connection, string Scope);

public sealed record ClientKey(string ClientId, string KeyId, string PrivateKeyPem);
