using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace AgentSafety.Analyzers.Tests.Generator;

public sealed class GuardedToolInvocationTests
{
    private const string TradingTools = """
        using System.Collections.Generic;
        using System.ComponentModel;
        using System.Threading;
        using System.Threading.Tasks;
        using AgentSafety;

        namespace Shop;

        public sealed partial class TradingTools
        {
            public List<string> Ledger { get; } = new();

            [Description("Buy shares of a listed company for the signed-in user")]
            [RequiresPermission("trade")]
            [RequiresRelation("can_buy", "asset", nameof(ticker))]
            public Task<string> BuyStock(
                [Description("The ticker symbol")] string ticker, int qty, ToolPrincipal user, CancellationToken ct)
            {
                Ledger.Add($"{user.Subject} bought {qty} {ticker}");
                return Task.FromResult($"bought {qty} {ticker}");
            }

            [RequiresApproval("Sell {qty} {ticker}")]
            public string SellStock(string ticker, int qty = 1)
            {
                Ledger.Add($"sold {qty} {ticker}");
                return $"sold {qty} {ticker}";
            }

            [RequiresPermission("calendar:read")]
            public async ValueTask<bool> IsFreeAsync(
                [DelegatedToken("google-oauth2", "calendar.freebusy")] AccessToken google, CancellationToken ct)
            {
                await Task.Yield();
                Ledger.Add($"asked calendar with {google.Value}");
                return true;
            }

            [RequiresPermission("trade")]
            public async Task CancelOrders(string ticker)
            {
                await Task.Yield();
                Ledger.Add($"cancelled orders for {ticker}");
            }

            [RequiresPermission("trade")]
            public ValueTask Watch(string ticker)
            {
                Ledger.Add($"watching {ticker}");
                return default;
            }
        }
        """;

    private static readonly Lazy<Assembly> s_assembly = new(() =>
    {
        var run = GeneratorHarness.Run(TradingTools);
        Assert.Empty(run.Errors);
        return GeneratorHarness.Load(run.Output);
    });

    [Fact]
    public async Task PermittedUserWithRelation_RunsTool()
    {
        var (tools, ledger) = CreateTools(out _, new TupleSetChecker("user:anne can_buy asset:OKTA"));

        var result = await Invoke(tools["BuyStock"], Anne(), ("ticker", "OKTA"), ("qty", 5));

        Assert.Equal("bought 5 OKTA", result);
        Assert.Equal(["anne bought 5 OKTA"], ledger);
    }

    [Fact]
    public async Task MissingRelation_DeniesWithReasonAndDoesNotRun()
    {
        var (tools, ledger) = CreateTools(out _, new TupleSetChecker("user:anne can_buy asset:OKTA"));

        var result = await Invoke(tools["BuyStock"], Anne(), ("ticker", "XYZ"), ("qty", 5));

        var denial = Assert.IsType<ToolDenial>(result);
        Assert.Equal("user:anne may not can_buy asset:XYZ", denial.Reason);
        Assert.Empty(ledger);
    }

    [Fact]
    public async Task MissingPermission_DeniesBeforeRelationshipCheck()
    {
        var checker = new TupleSetChecker("user:bob can_buy asset:OKTA");
        var (tools, ledger) = CreateTools(out _, checker);

        var result = await Invoke(tools["BuyStock"], new ToolPrincipal("bob"), ("ticker", "OKTA"), ("qty", 1));

        Assert.Contains("lacks the permission trade", Assert.IsType<ToolDenial>(result).Reason);
        Assert.Empty(checker.Asked);
        Assert.Empty(ledger);
    }

    [Fact]
    public async Task ForgedUserArgument_DoesNotChangeDecision()
    {
        var checker = new TupleSetChecker("user:anne can_buy asset:OKTA");
        var (tools, ledger) = CreateTools(out _, checker);
        var bob = new ToolPrincipal("bob", ["trade"]);

        var forged = await Invoke(
            tools["BuyStock"], bob, ("ticker", "OKTA"), ("qty", 1), ("user", "anne"), ("principal", "user:anne"));
        var honest = await Invoke(tools["BuyStock"], bob, ("ticker", "OKTA"), ("qty", 1));

        Assert.Equal(Assert.IsType<ToolDenial>(honest).Reason, Assert.IsType<ToolDenial>(forged).Reason);
        Assert.All(checker.Asked, check => Assert.Equal("user:bob", check.User));
        Assert.Empty(ledger);
    }

    [Fact]
    public async Task NoSignedInUser_Denies()
    {
        var (tools, ledger) = CreateTools(out _, new TupleSetChecker());

        var result = await Invoke(tools["SellStock"], principal: null, ("ticker", "OKTA"));

        Assert.Contains("no signed-in user", Assert.IsType<ToolDenial>(result).Reason);
        Assert.Empty(ledger);
    }

    [Fact]
    public async Task ApprovalRequired_SendsRenderedBindingMessage()
    {
        var gate = new RecordingApprovalGate(approve: true);
        var (tools, ledger) = CreateTools(out _, new TupleSetChecker(), gate);

        await Invoke(tools["SellStock"], Anne(), ("ticker", "OKTA"), ("qty", 3));

        Assert.Equal("Sell 3 OKTA", Assert.Single(gate.Requests).BindingMessage);
        Assert.Equal(["sold 3 OKTA"], ledger);
    }

    [Fact]
    public async Task ApprovalRefused_DeniesAndDoesNotRun()
    {
        var (tools, ledger) = CreateTools(out _, new TupleSetChecker(), new RecordingApprovalGate(approve: false));

        var result = await Invoke(tools["SellStock"], Anne(), ("ticker", "OKTA"));

        Assert.Contains("declined", Assert.IsType<ToolDenial>(result).Reason);
        Assert.Empty(ledger);
    }

    [Fact]
    public async Task DelegatedToken_IsInjectedAndNotInSchema()
    {
        var vault = new FixedTokenVault("tok-123");
        var (tools, ledger) = CreateTools(out _, new TupleSetChecker(), vault: vault);
        var anne = new ToolPrincipal("anne", ["calendar:read"]);

        var result = await Invoke(tools["IsFree"], anne, ("google", "forged-token"));

        Assert.Equal(true, result is JsonElement element ? element.GetBoolean() : result);
        Assert.Equal(["asked calendar with tok-123"], ledger);
        Assert.Equal(["calendar.freebusy"], Assert.Single(vault.Requests).Scopes);
        Assert.DoesNotContain("google", tools["IsFree"].JsonSchema.GetRawText());
    }

    [Fact]
    public async Task WrongArgumentType_DeniesWithReadableReason()
    {
        var (tools, ledger) = CreateTools(out _, new TupleSetChecker("user:anne can_buy asset:OKTA"));

        var result = await Invoke(tools["BuyStock"], Anne(), ("ticker", "OKTA"), ("qty", "many"));

        Assert.Equal("the argument 'qty' is not a valid Int32", Assert.IsType<ToolDenial>(result).Reason);
        Assert.Empty(ledger);
    }

    [Fact]
    public async Task ToolsReturningTaskOrValueTask_RunAndGiveNull()
    {
        var (tools, ledger) = CreateTools(out _, new TupleSetChecker());

        var cancelled = await Invoke(tools["CancelOrders"], Anne(), ("ticker", "OKTA"));
        var watched = await Invoke(tools["Watch"], Anne(), ("ticker", "MSFT"));

        Assert.Null(cancelled);
        Assert.Null(watched);
        Assert.Equal(["cancelled orders for OKTA", "watching MSFT"], ledger);
    }

    [Fact]
    public void GeneratedTool_HasCompileTimeNameDescriptionAndRequirements()
    {
        var (tools, _) = CreateTools(out _, new TupleSetChecker());

        var buy = Assert.IsAssignableFrom<GuardedAIFunction>(tools["BuyStock"]);

        Assert.Equal("Buy shares of a listed company for the signed-in user", buy.Description);
        Assert.Equal(["trade"], buy.Requirements.Permissions);
        Assert.Equal(new RelationRequirement("can_buy", "asset", "ticker"), Assert.Single(buy.Requirements.Relations));
        Assert.Contains(tools.Keys, name => name == "IsFree");
    }

    private static ToolPrincipal Anne() => new("anne", ["trade"]);

    private static (Dictionary<string, AIFunction> Tools, List<string> Ledger) CreateTools(
        out ToolGuard guard,
        IRelationshipChecker checker,
        IApprovalGate? gate = null,
        ITokenVault? vault = null)
    {
        guard = new ToolGuard(
            new DefaultToolPrincipalAccessor(),
            Options.Create(new AgentSafetyOptions()),
            relationships: checker,
            approvals: gate,
            tokens: vault);
        var type = s_assembly.Value.GetType("Shop.TradingTools", throwOnError: true)!;
        var instance = Activator.CreateInstance(type)!;
        var tools = (IList<AITool>)type.GetMethod("CreateGuardedTools")!.Invoke(instance, [guard])!;
        var ledger = (List<string>)type.GetProperty("Ledger")!.GetValue(instance)!;
        return (tools.Cast<AIFunction>().ToDictionary(tool => tool.Name), ledger);
    }

    private static async Task<object?> Invoke(
        AIFunction tool,
        ToolPrincipal? principal,
        params (string Name, object? Value)[] arguments)
    {
        var call = new AIFunctionArguments();
        foreach (var (name, value) in arguments)
            call[name] = JsonSerializer.SerializeToElement(value);

        if (principal is not null)
            call.Context = new Dictionary<object, object?> { [typeof(ToolPrincipal)] = principal };

        return await tool.InvokeAsync(call);
    }
}
