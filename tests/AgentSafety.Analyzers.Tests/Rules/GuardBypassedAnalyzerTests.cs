using Verify = AgentSafety.Analyzers.Tests.Verifiers.AnalyzerVerifier<
    AgentSafety.Analyzers.Rules.GuardBypassedAnalyzer>;

namespace AgentSafety.Analyzers.Tests.Rules;

public sealed class GuardBypassedAnalyzerTests
{
    [Fact]
    public Task AIFunctionFactoryOfMethodWithRequirements_Triggers() => Verify.VerifyAsync("""
        using AgentSafety;
        using Microsoft.Extensions.AI;

        public sealed partial class TradingTools
        {
            [RequiresPermission("trade:buy")]
            public string Buy(string ticker) => ticker;

            public AIFunction Register() => AIFunctionFactory.Create({|#0:Buy|});
        }
        """,
        Verify.Diagnostic("AS1005").WithLocation(0).WithArguments("Buy", "AIFunctionFactory.Create"));

    [Fact]
    public Task McpServerToolCreateOfDelegateAndMethodInfo_Triggers() => Verify.VerifyAsync("""
        using AgentSafety;
        using ModelContextProtocol.Server;

        public sealed partial class TradingTools
        {
            [RequiresApproval("Sell {ticker}")]
            public string Sell(string ticker) => ticker;

            public McpServerTool[] Register() =>
            [
                McpServerTool.Create({|#0:Sell|}),
                McpServerTool.Create({|#1:typeof(TradingTools).GetMethod(nameof(Sell))|}, this),
            ];
        }
        """,
        Verify.Diagnostic("AS1005").WithLocation(0).WithArguments("Sell", "McpServerTool.Create"),
        Verify.Diagnostic("AS1005").WithLocation(1).WithArguments("Sell", "McpServerTool.Create"));

    [Fact]
    public Task LambdaWithRequirement_Triggers() => Verify.VerifyAsync("""
        using AgentSafety;
        using Microsoft.Extensions.AI;

        public static class Tools
        {
            public static AIFunction Register() =>
                AIFunctionFactory.Create({|#0:[RequiresPermission("files:delete")] (string path) => path|});
        }
        """,
        Verify.Diagnostic("AS1005").WithLocation(0).WithArguments("lambda", "AIFunctionFactory.Create"));

    [Fact]
    public Task PublicToolOrTypeLevelPermissionOnly_DoesNotTrigger() => Verify.VerifyAsync("""
        using AgentSafety;
        using Microsoft.Extensions.AI;

        [RequiresPermission("quotes:read")]
        public sealed class QuoteTools
        {
            public string Quote(string ticker) => ticker;

            [PublicTool("Market hours are public")]
            public string Hours() => "9-17";

            public AIFunction[] Register() => [AIFunctionFactory.Create(Quote), AIFunctionFactory.Create(Hours)];
        }
        """);

    [Fact]
    public Task McpWithToolsOfTypeWithRequirements_Triggers() => Verify.VerifyAsync("""
        using AgentSafety;
        using Microsoft.Extensions.DependencyInjection;
        using ModelContextProtocol.Server;

        [McpServerToolType]
        public sealed partial class OrderTools
        {
            [McpServerTool, RequiresPermission("orders:cancel")]
            public string Cancel(string orderId) => orderId;

            [McpServerTool, PublicTool("Order status pages are public")]
            public string Status(string orderId) => orderId;
        }

        public static class Server
        {
            public static void Configure(IServiceCollection services) =>
                services.AddMcpServer().{|#0:WithTools<OrderTools>|}();
        }
        """,
        Verify.Diagnostic("AS1005").WithLocation(0).WithArguments("Cancel", "WithTools<OrderTools>()"));

    [Fact]
    public Task McpWithToolsFromCallingAssembly_TriggersForToolTypesWithRequirements() => Verify.VerifyAsync("""
        using AgentSafety;
        using Microsoft.Extensions.DependencyInjection;
        using ModelContextProtocol.Server;

        [McpServerToolType]
        public sealed partial class OrderTools
        {
            [McpServerTool, RequiresPermission("orders:cancel")]
            public string Cancel(string orderId) => orderId;

            [McpServerTool, PublicTool("Order status pages are public")]
            public string Status(string orderId) => orderId;

            [McpServerToolType]
            public sealed partial class Refunds
            {
                [McpServerTool, RequiresApproval("Refund order {orderId}")]
                public string Refund(string orderId) => orderId;
            }
        }

        // Not an MCP tool type, so WithToolsFromAssembly does not register it.
        public sealed partial class InternalTools
        {
            [McpServerTool, RequiresPermission("admin")]
            public string Purge() => "";
        }

        public static class Server
        {
            public static void Configure(IServiceCollection services) =>
                services.AddMcpServer().{|#0:WithToolsFromAssembly|}();
        }
        """,
        Verify.Diagnostic("AS1005").WithLocation(0).WithArguments("Cancel", "WithToolsFromAssembly()"),
        Verify.Diagnostic("AS1005").WithLocation(0).WithArguments("Refund", "WithToolsFromAssembly()"));

    [Fact]
    public Task McpWithToolsFromNamedAssembly_TriggersOnlyWhenTheAssemblyIsKnown() => Verify.VerifyAsync("""
        using System.Reflection;
        using AgentSafety;
        using Microsoft.Extensions.DependencyInjection;
        using ModelContextProtocol.Server;

        [McpServerToolType]
        public sealed partial class OrderTools
        {
            [McpServerTool, RequiresPermission("orders:cancel")]
            public string Cancel(string orderId) => orderId;
        }

        public static class Server
        {
            public static void Configure(IServiceCollection services, Assembly plugins)
            {
                services.AddMcpServer().{|#0:WithToolsFromAssembly|}(typeof(OrderTools).Assembly);
                services.AddMcpServer().{|#1:WithToolsFromAssembly|}(Assembly.GetExecutingAssembly());
                services.AddMcpServer().WithToolsFromAssembly(plugins);
                services.AddMcpServer().WithToolsFromAssembly(typeof(string).Assembly);
            }
        }
        """,
        Verify.Diagnostic("AS1005").WithLocation(0).WithArguments("Cancel", "WithToolsFromAssembly()"),
        Verify.Diagnostic("AS1005").WithLocation(1).WithArguments("Cancel", "WithToolsFromAssembly()"));

    [Fact]
    public Task KernelPluginsFromTypeAndObject_Trigger() => Verify.VerifyAsync("""
        using AgentSafety;
        using Microsoft.SemanticKernel;

        public sealed partial class MailPlugin
        {
            [KernelFunction, RequiresApproval("Send mail to {to}")]
            public string Send(string to) => to;
        }

        public static class Setup
        {
            public static void Configure(Kernel kernel)
            {
                kernel.Plugins.{|#0:AddFromType<MailPlugin>|}();
                kernel.{|#1:ImportPluginFromObject|}(new MailPlugin());
            }
        }
        """,
        Verify.Diagnostic("AS1005").WithLocation(0).WithArguments("Send", "AddFromType<MailPlugin>()"),
        Verify.Diagnostic("AS1005").WithLocation(1).WithArguments("Send", "ImportPluginFromObject<MailPlugin>()"));

    [Fact]
    public Task DiscoveryOfGuardedOrUndeclaredTypes_DoesNotTrigger() => Verify.VerifyAsync("""
        using AgentSafety;
        using Microsoft.SemanticKernel;

        public sealed class WeatherPlugin
        {
            [KernelFunction, PublicTool("Weather is public")]
            public string Forecast(string city) => city;
        }

        public static class Setup
        {
            public static void Configure(Kernel kernel, System.Type unknown)
            {
                kernel.Plugins.AddFromType<WeatherPlugin>();
                kernel.Plugins.AddFromObject(new object());
            }
        }
        """);
}
