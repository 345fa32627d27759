using AgentSafety;
using AgentSafety.OAuth;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using StockTrader.Agent;
using StockTrader.Trading;

// The stock-trading agent, offline: a scripted model, the embedded relationship store loaded from
// authorization/, and approvals answered at the terminal (or by --approve all|none). With --idp <issuer>,
// approvals go to the user's device through OpenID CIBA at that provider instead.
var options = SampleOptions.Parse(args);
if (options.Error is not null)
{
    Console.Error.WriteLine(options.Error);
    Console.Error.WriteLine(SampleOptions.Usage);
    return 2;
}

var authorization = Path.Combine(AppContext.BaseDirectory, "authorization");
var services = new ServiceCollection();
services.AddLogging(logging => logging
    .ClearProviders()
    .AddProvider(new TranscriptLoggerProvider(Console.Out))
    .AddFilter((category, _) => category?.StartsWith("AgentSafety", StringComparison.Ordinal) == true));
var safety = services.AddAgentSafety()
    .AddEmbeddedFga(Path.Combine(authorization, "model.fga"), Path.Combine(authorization, "tuples.yaml"));
if (options.IdentityProvider is { } issuer)
    UseCibaApprovals(safety, issuer);
else
    safety.UseApprovalGate(new ConsoleApprovalGate(options.Approval, Console.In, Console.Out));

await using var provider = services.BuildServiceProvider();

var broker = new Broker();
var trading = new TradingTools(broker);
var tools = trading.CreateGuardedTools(provider.GetRequiredService<ToolGuard>()).ToList();
tools.Add(AIFunctionFactory.Create(trading.GetQuote));

var transcript = new Transcript(Console.Out);
using var chat = new ChatClientBuilder(new ScriptedChatClient())
    .UseFunctionInvocation(configure: invoking => invoking.FunctionInvoker = (call, cancellationToken) =>
    {
        transcript.ToolCalled(call.Function.Name, call.Arguments);
        return call.Function.InvokeAsync(call.Arguments, cancellationToken);
    })
    .Build();
foreach (var turn in Turns.Default)
{
    var principal = SignIn.Users[turn.User];
    transcript.UserSaid(turn.User, turn.Prompt);
    using (ToolPrincipalScope.Begin(principal))
    {
        var response = await chat.GetResponseAsync(turn.Prompt, new ChatOptions { Tools = tools });
        transcript.Show(response);
    }
}

transcript.Summarize();
return 0;

// The client defaults are those of the test provider in tests/idp; a real provider's come from the environment.
static void UseCibaApprovals(AgentSafetyBuilder safety, Uri issuer)
{
    safety.AddCibaApprovals(ciba =>
    {
        ciba.Authority = issuer.ToString().TrimEnd('/');
        ciba.LoginHintFormat = LoginHintFormat.Subject;
        ciba.UseClientSecret(
            Environment.GetEnvironmentVariable("AGENTSAFETY_CIBA_CLIENT_ID") ?? "agent",
            Environment.GetEnvironmentVariable("AGENTSAFETY_CIBA_CLIENT_SECRET") ?? "agent-secret");
    });
    safety.Services.Replace(ServiceDescriptor.Singleton<IApprovalGate>(provider => new AnnouncingApprovalGate(
        provider.GetRequiredService<CibaApprovalGate>(), Console.Out, $"CIBA at {issuer}")));
}
