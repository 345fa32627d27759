using Verify = AgentSafety.Analyzers.Tests.Verifiers.AnalyzerVerifier<
    AgentSafety.Analyzers.Rules.DelegatedTokenEscapeAnalyzer>;

namespace AgentSafety.Analyzers.Tests.Rules.Approvals;

public sealed class DelegatedTokenEscapeAnalyzerTests
{
    private const string Id = "AS3002";

    [Fact]
    public Task TokenValueReturnedFromTool_Triggers() => Verify.VerifyAsync("""
        using AgentSafety;

        public sealed class Tools
        {
            [RequiresPermission("debug")]
            public string WhoAmI([DelegatedToken("github", "read:user")] AccessToken token) =>
                {|#0:$"token={token.Value}"|};
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("returned to the model"));

    [Fact]
    public Task TokenLoggedThroughLocal_Triggers() => Verify.VerifyAsync("""
        using AgentSafety;
        using Microsoft.Extensions.Logging;

        public sealed class Tools(ILogger<Tools> logger)
        {
            public void Sync([DelegatedToken("drive")] AccessToken token)
            {
                var raw = token.Value;
                logger.LogInformation("Syncing with {Token}", {|#0:raw|});
            }
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("logged"));

    [Fact]
    public Task TokenStoredInFieldAndExceptionMessage_Triggers() => Verify.VerifyAsync("""
        using System;
        using AgentSafety;

        public sealed class Tools
        {
            private static AccessToken? _last;

            public void Upload([DelegatedToken("drive")] AccessToken token)
            {
                _last = {|#0:token|};
                throw new InvalidOperationException({|#1:"upload failed for " + token.Value|});
            }
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("stored in '_last', where it outlives the call"),
        Verify.Diagnostic(Id).WithLocation(1).WithArguments("put in an exception message"));

    [Fact]
    public Task TokenUsedForOutgoingRequest_DoesNotTrigger() => Verify.VerifyAsync("""
        using System.Net.Http;
        using System.Net.Http.Headers;
        using System.Threading.Tasks;
        using AgentSafety;
        using Microsoft.Extensions.Logging;

        public sealed class Tools(HttpClient http, ILogger<Tools> logger)
        {
            public async Task<string> Repos([DelegatedToken("github", "repo")] AccessToken token)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.github.com/user/repos");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
                logger.LogInformation("Calling GitHub with {Token}", token);
                var response = await http.SendAsync(request);
                return await response.Content.ReadAsStringAsync();
            }
        }
        """);

    [Fact]
    public Task HelperReturningHeaderValue_DoesNotTrigger() => Verify.VerifyAsync("""
        using AgentSafety;

        public static class Headers
        {
            public static string Bearer(AccessToken token) => "Bearer " + token.Value;
        }
        """);

    // A token reaches a body whose own member takes none in several ways; each is followed. (Any shortcut that skips
    // bodies, such as reading only members with a token parameter, must keep these passing.)
    [Fact]
    public Task TokenFromGuardDecisionLoggedInHelper_Triggers() => Verify.VerifyAsync("""
        using System;
        using AgentSafety;

        public static class Audit
        {
            public static void Record(GuardDecision decision) =>
                Console.WriteLine({|#0:decision.Tokens["drive"].Value|});
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("logged"));

    [Fact]
    public Task TokenFromListFieldLogged_Triggers() => Verify.VerifyAsync("""
        using System;
        using System.Collections.Generic;
        using AgentSafety;

        public sealed class Issued
        {
            private readonly List<AccessToken> _tokens = new();

            public void Dump() => Console.WriteLine({|#0:_tokens[0].Value|});
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("logged"));

    [Fact]
    public Task PrimaryConstructorTokenLogged_Triggers() => Verify.VerifyAsync("""
        using AgentSafety;
        using Microsoft.Extensions.Logging;

        public sealed class Session(AccessToken token)
        {
            public void Dump(ILogger logger) => logger.LogWarning("{Token}", {|#0:token.Value|});
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("logged"));

    [Fact]
    public Task TokenThroughAliasLogged_Triggers() => Verify.VerifyAsync("""
        using System;
        using Bearer = AgentSafety.AccessToken;

        public static class Dump
        {
            public static void Write(object value) => Console.WriteLine({|#0:((Bearer)value).Value|});
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("logged"));

    [Fact]
    public Task TokenInTypeDerivedFromTokenListLogged_Triggers() => Verify.VerifyAsync("""
        using System;
        using System.Collections.Generic;
        using AgentSafety;

        public sealed class TokenBag : List<AccessToken>
        {
            public void Dump() => Console.WriteLine({|#0:this[0].Value|});
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("logged"));

    [Fact]
    public Task TokenFromOutParameterLogged_Triggers() => Verify.VerifyAsync("""
        using System;
        using AgentSafety;

        public static class Vault
        {
            public static bool TryIssue(out AccessToken? token)
            {
                token = null;
                return false;
            }
        }

        public static class Caller
        {
            public static void Run()
            {
                if (Vault.TryIssue(out var issued))
                    Console.WriteLine({|#0:issued!.Value|});
            }
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("logged"));

    [Fact]
    public Task TokenFromIndexerLogged_Triggers() => Verify.VerifyAsync("""
        using System;
        using AgentSafety;

        public sealed class Slots
        {
            public AccessToken this[int index] => throw new NotSupportedException();
        }

        public static class Caller
        {
            public static void Run(Slots slots) => Console.WriteLine({|#0:slots[0].Value|});
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("logged"));

    [Fact]
    public Task TokenInLambdaGivenToTokenCallbackLogged_Triggers() => Verify.VerifyAsync("""
        using System;
        using AgentSafety;

        public static class Broker
        {
            public static string With(Func<AccessToken, string> use) => "";
        }

        public static class Caller
        {
            public static string Run() => Broker.With(issued =>
            {
                Console.WriteLine({|#0:issued.Value|});
                return "";
            });
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("logged"));

    // A tool's result is serialized into the conversation, so a token inside any value it returns reaches the model.
    [Fact]
    public Task TokenInsideReturnedValues_Triggers() => Verify.VerifyAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using AgentSafety;

        public sealed record TokenInfo(string Value);

        public sealed class Tools
        {
            [RequiresPermission("debug")]
            public Task<string> Completed([DelegatedToken("x")] AccessToken token) =>
                {|#0:Task.FromResult(token.Value)|};

            [RequiresPermission("debug")]
            public object Anonymous([DelegatedToken("x")] AccessToken token) => {|#1:new { value = token.Value }|};

            [RequiresPermission("debug")]
            public TokenInfo Record([DelegatedToken("x")] AccessToken token) => {|#2:new TokenInfo(token.Value)|};

            [RequiresPermission("debug")]
            public Dictionary<string, string> Map([DelegatedToken("x")] AccessToken token) =>
                {|#3:new() { ["token"] = token.Value }|};

            [RequiresPermission("debug")]
            public (string, int) Tuple([DelegatedToken("x")] AccessToken token) => {|#4:(token.Value, 1)|};

            [RequiresPermission("debug")]
            public List<string> List([DelegatedToken("x")] AccessToken token) =>
                {|#5:new List<string> { token.Value }|};
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("returned to the model"),
        Verify.Diagnostic(Id).WithLocation(1).WithArguments("returned to the model"),
        Verify.Diagnostic(Id).WithLocation(2).WithArguments("returned to the model"),
        Verify.Diagnostic(Id).WithLocation(3).WithArguments("returned to the model"),
        Verify.Diagnostic(Id).WithLocation(4).WithArguments("returned to the model"),
        Verify.Diagnostic(Id).WithLocation(5).WithArguments("returned to the model"));

    [Fact]
    public Task ObjectHoldingTokenStoredInField_Triggers() => Verify.VerifyAsync("""
        using AgentSafety;

        public sealed class ApiClient(string token);

        public sealed class Tools
        {
            private ApiClient? _client;

            public void Connect([DelegatedToken("x")] AccessToken token) => _client = {|#0:new ApiClient(token.Value)|};
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("stored in '_client', where it outlives the call"));

    // Putting the token into a request object that goes out is what it is for, not an escape.
    [Fact]
    public Task TokenInRequestObjectSentOut_DoesNotTrigger() => Verify.VerifyAsync("""
        using System.Net.Http;
        using System.Net.Http.Headers;
        using System.Threading.Tasks;
        using AgentSafety;

        public sealed class ApiRequest
        {
            public string? Token { get; set; }

            public AccessToken? Raw { get; set; }
        }

        public sealed class Tools(HttpClient http)
        {
            [RequiresPermission("orders:read")]
            public async Task<string> Orders([DelegatedToken("shop")] AccessToken token)
            {
                var request = new ApiRequest { Token = token.Value, Raw = token };
                using var message = new HttpRequestMessage(HttpMethod.Get, "https://shop.example.com/orders")
                {
                    Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token.Value) },
                };
                var response = await http.SendAsync(message);
                return response.StatusCode + Send(request);
            }

            private static string Send(ApiRequest request) => request.Token is null ? "" : "sent";
        }
        """);

    // An injected HttpClient outlives the call; its default headers go with every later request, whoever makes it.
    [Fact]
    public Task TokenInSharedClientDefaultHeaders_Triggers() => Verify.VerifyAsync("""
        using System.Net.Http;
        using System.Net.Http.Headers;
        using System.Threading.Tasks;
        using AgentSafety;

        public sealed class Tools(HttpClient http)
        {
            [RequiresPermission("repos:read")]
            public async Task<string> Repos([DelegatedToken("github", "repo")] AccessToken token)
            {
                http.DefaultRequestHeaders.Authorization = {|#0:new AuthenticationHeaderValue("Bearer", token.Value)|};
                http.DefaultRequestHeaders.Add("X-Api-Token", {|#1:token.Value|});
                return await http.GetStringAsync("https://api.github.com/user/repos");
            }

            [RequiresPermission("repos:read")]
            public async Task<string> OwnClient([DelegatedToken("github", "repo")] AccessToken token)
            {
                using var client = new HttpClient();
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
                return await client.GetStringAsync("https://api.github.com/user/repos");
            }
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments(
            "put in the default headers of a shared HttpClient, where it goes with later requests"),
        Verify.Diagnostic(Id).WithLocation(1).WithArguments(
            "put in the default headers of a shared HttpClient, where it goes with later requests"));

    [Fact]
    public Task TokenKeptInCollectionsFieldsHold_Triggers() => Verify.VerifyAsync("""
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using AgentSafety;
        using Microsoft.Extensions.Caching.Memory;

        public sealed class Tools(IMemoryCache memory)
        {
            private static readonly ConcurrentDictionary<string, AccessToken> ByUser = new();
            private readonly Dictionary<string, string> _raw = new();
            private readonly IMemoryCache _memory = memory;

            public List<string> Seen { get; } = new();

            public void Remember(string user, [DelegatedToken("drive")] AccessToken token)
            {
                ByUser.TryAdd(user, {|#0:token|});
                ByUser[user] = {|#1:token|};
                _raw[user] = {|#2:token.Value|};
                Seen.Add({|#3:token.Value|});
                _memory.Set(user, {|#4:token.Value|});
            }

            public void Local([DelegatedToken("drive")] AccessToken token)
            {
                var perCall = new Dictionary<string, string>();
                perCall["drive"] = token.Value;
                var list = new List<AccessToken> { token };
                list.Add(token);
            }
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("stored in 'ByUser', where it outlives the call"),
        Verify.Diagnostic(Id).WithLocation(1).WithArguments("stored in 'ByUser', where it outlives the call"),
        Verify.Diagnostic(Id).WithLocation(2).WithArguments("stored in '_raw', where it outlives the call"),
        Verify.Diagnostic(Id).WithLocation(3).WithArguments("stored in 'Seen', where it outlives the call"),
        Verify.Diagnostic(Id).WithLocation(4).WithArguments("stored in '_memory', where it outlives the call"));

    [Fact]
    public Task TokenInTraceTags_Triggers() => Verify.VerifyAsync("""
        using System.Diagnostics;
        using AgentSafety;

        public sealed class Tools
        {
            public void Sync([DelegatedToken("drive")] AccessToken token)
            {
                Activity.Current?.SetTag("auth", {|#0:token.Value|});
                Activity.Current?.AddBaggage("auth", {|#1:"Bearer " + token.Value|});
                Activity.Current?.SetTag("connection", token.Connection);
            }
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("logged"),
        Verify.Diagnostic(Id).WithLocation(1).WithArguments("logged"));

    // A token's text handed to a helper of the same compilation is followed into it, a few calls deep.
    [Fact]
    public Task TokenTextLoggedOrStoredInHelper_TriggersAtCall() => Verify.VerifyAsync("""
        using System;
        using AgentSafety;
        using Microsoft.Extensions.Logging;

        public sealed class Tools(ILogger<Tools> logger)
        {
            private static string? _last;

            public void Sync([DelegatedToken("drive")] AccessToken token)
            {
                Audit({|#0:token.Value|}, "sync");
                Remember({|#1:"Bearer " + token.Value|});
                Forward({|#2:token.Value|});
                Note({|#3:token.Value|});

                void Note(string text) => Console.WriteLine("note: " + text);
            }

            private void Audit(string credential, string action) =>
                logger.LogInformation("{Action} with {Credential}", action, credential);

            private static void Remember(string header) => _last = header;

            private static void Forward(string text) => Write("> " + text);

            private static void Write(string line) => Console.WriteLine(line);
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("passed to 'Audit', where it is logged"),
        Verify.Diagnostic(Id).WithLocation(1)
            .WithArguments("passed to 'Remember', where it is stored in '_last', where it outlives the call"),
        Verify.Diagnostic(Id).WithLocation(2)
            .WithArguments("passed to 'Forward', where it is passed to 'Write', where it is logged"),
        Verify.Diagnostic(Id).WithLocation(3).WithArguments("passed to 'Note', where it is logged"));

    [Fact]
    public Task HelperResultCarriesTokenText_Triggers() => Verify.VerifyAsync("""
        using System;
        using AgentSafety;

        public sealed class Tools
        {
            [RequiresPermission("debug")]
            public string Header([DelegatedToken("drive")] AccessToken token)
            {
                Console.WriteLine({|#0:Headers.Bearer(token)|});
                var shown = token.Value.Length > 0 ? Headers.Bearer(token) : "none";
                Console.WriteLine({|#3:shown|});
                return {|#1:Repeat(token.Value, 2)|};
            }

            private static string Repeat(string text, int times) =>
                times <= 1 ? text : text + Repeat(text, times - 1);
        }

        public static class Headers
        {
            public static string Bearer(AccessToken token) => "Bearer " + token.Value;
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("logged"),
        Verify.Diagnostic(Id).WithLocation(1).WithArguments("returned to the model"),
        Verify.Diagnostic(Id).WithLocation(3).WithArguments("logged"));

    [Fact]
    public Task HelperThatTakesTheTokenObject_ReportsInsideTheHelperOnly() => Verify.VerifyAsync("""
        using System;
        using AgentSafety;

        public sealed class Tools
        {
            public void Sync([DelegatedToken("drive")] AccessToken token) => Dump(token);

            private static void Dump(AccessToken token) => Console.WriteLine({|#0:token.Value|});
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("logged"));

    [Fact]
    public Task HelperThatSendsTheTokenText_DoesNotTrigger() => Verify.VerifyAsync("""
        using System.Net.Http;
        using System.Net.Http.Headers;
        using System.Threading.Tasks;
        using AgentSafety;

        public sealed class Tools(HttpClient http)
        {
            public Task<HttpResponseMessage> Files([DelegatedToken("drive")] AccessToken token) =>
                Send(token.Value, "https://drive.example/files");

            private Task<HttpResponseMessage> Send(string bearer, string url)
            {
                var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
                return http.SendAsync(request);
            }
        }
        """);
}
