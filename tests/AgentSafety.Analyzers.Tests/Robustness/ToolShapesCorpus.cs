namespace AgentSafety.Analyzers.Tests.Robustness;

/// <summary>
/// Well-formed sources holding every tool shape the tool model knows, with the constructs the rules look at
/// (requirements, credentials, tokens, approvals). The robustness suite breaks them in many ways.
/// </summary>
internal static class ToolShapesCorpus
{
    public const string AllShapes = """
        using System;
        using System.ComponentModel;
        using System.Linq;
        using System.Net;
        using System.Net.Http;
        using System.Net.Http.Headers;
        using System.Reflection;
        using System.Threading;
        using System.Threading.Tasks;
        using AgentSafety;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.Logging;
        using Microsoft.SemanticKernel;
        using ModelContextProtocol.Server;

        namespace Corpus;

        public sealed partial class KernelTools(
            HttpClient http, IConfiguration configuration, ILogger<KernelTools> logger)
        {
            private AccessToken? _kept;

            [KernelFunction("search_issues"), Description("Searches issues"), RequiresPermission("issues:read")]
            public async Task<string> SearchAsync(string query, [DelegatedToken("github", "repo")] AccessToken token,
                CancellationToken cancellationToken)
            {
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
                logger.LogInformation("Searching {Query} {Token}", query, token.Value);
                _kept = token;
                return await http.GetStringAsync("https://api.example.com/?q=" + query, cancellationToken);
            }

            [KernelFunction, RequiresRelation("can_delete", "folder", nameof(folder))]
            public string DeleteFolder(string folder, bool confirm)
            {
                var key = configuration["Storage:AccountKey"] ?? Environment.GetEnvironmentVariable("GITHUB_TOKEN");
                var credential = new NetworkCredential("svc", Environment.GetEnvironmentVariable("SVC_PASSWORD"));
                return folder + key + credential.UserName + "Server=x;Password=Hunter22!";
            }

            public partial string Partial(string value);

            // Helpers the rules follow a value into: the token's text and a model-supplied user id.
            [KernelFunction, RequiresPermission("orders:read")]
            public string Orders(string userId, [DelegatedToken("shop")] AccessToken token) =>
                Audit(token.Value, Pick(userId, 2));

            private string Audit(string credential, string note)
            {
                logger.LogDebug("{Credential} {Note}", credential, note);
                return credential.Length > 0 ? Audit(credential + "!", note) : note;
            }

            private static string Pick(string who, int depth) =>
                depth > 0 ? Pick(who, depth - 1) : new[] { "anne" }.First(owner => owner == who);
        }

        public sealed partial class KernelTools
        {
            public partial string Partial(string value) => value + "ghp_R8x2kLq9ZtW4mVbN7cJ1pYs3dHf6gA0eUo5i";
        }

        [McpServerToolType, PublicTool("demo")]
        public static class McpTools
        {
            [McpServerTool(Name = "wipe", Destructive = true, ReadOnly = false)]
            public static string Wipe(string path) => path;

            [McpServerTool, RequiresApproval("Pay {amount} to {to}")]
            public static string Pay(string to, decimal amount) => to + amount;
        }

        public sealed class WeatherFunction : AIFunction
        {
            public override string Name => "weather";

            protected override ValueTask<object?> InvokeCoreAsync(
                AIFunctionArguments arguments, CancellationToken cancellationToken) =>
                new(new HttpRequestMessage { Headers = { { "x-api-key", "wk-7f3a9c2e41b8d605" } } }.ToString());
        }

        public static class Registrations
        {
            public static string Transfer(string to) => to;

            public static AIFunction[] Create(KernelTools tools)
            {
                string LocalTool(string s) => s + "https://user:p4ssw0rd-x@host.example/";
                Func<string, string> held = Transfer;
                return
                [
                    AIFunctionFactory.Create(Transfer),
                    AIFunctionFactory.Create((string city, [DelegatedToken("w")] AccessToken t) => t.Value, "Weather"),
                    AIFunctionFactory.Create(
                        LocalTool, new AIFunctionFactoryOptions { Name = "local", Description = "Buys" }),
                    AIFunctionFactory.Create(typeof(Registrations).GetMethod(nameof(Transfer))!, target: null),
                    AIFunctionFactory.Create(held),
                    AIFunctionFactory.Create(tools.DeleteFolder, "delete", "Deletes a folder"),
                    new ApprovalRequiredAIFunction(AIFunctionFactory.Create(Transfer)),
                ];
            }

            public static McpServerTool Mcp() =>
                McpServerTool.Create((string s) => s + "sk_live_4eC39HqLyjWDarjtT1zdp7dc");
        }
        """;
}
