using AgentSafety.Analyzers.Rules;
using Verify = AgentSafety.Analyzers.Tests.Verifiers.AnalyzerVerifier<
    AgentSafety.Analyzers.Rules.ToolWithoutAuthorizationAnalyzer>;

namespace AgentSafety.Analyzers.Tests.Rules;

public sealed class ToolWithoutAuthorizationAnalyzerTests
{
    private static readonly string Id = ToolWithoutAuthorizationAnalyzer.Rule.Id;

    [Fact]
    public Task FactoryMethodGroupWithoutDeclaration_Triggers() => Verify.VerifyAsync("""
        using Microsoft.Extensions.AI;

        public static class Tools
        {
            public static string Weather(string city) => city;

            public static AIFunction Create() => AIFunctionFactory.Create({|#0:Weather|});
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("Weather"));

    [Fact]
    public Task FactoryMethodGroupWithPermission_DoesNotTrigger() => Verify.VerifyAsync("""
        using AgentSafety;
        using Microsoft.Extensions.AI;

        public static class Tools
        {
            [RequiresPermission("weather:read")]
            public static string Weather(string city) => city;

            public static AIFunction Create() => AIFunctionFactory.Create(Weather);
        }
        """);

    [Fact]
    public Task FactoryExplicitNameArgument_UsesThatName() => Verify.VerifyAsync("""
        using Microsoft.Extensions.AI;

        public static class Tools
        {
            public static string Weather(string city) => city;

            public static AIFunction Create() => AIFunctionFactory.Create({|#0:Weather|}, name: "get_weather");
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("get_weather"));

    [Fact]
    public Task FactoryLambdaWithoutDeclaration_Triggers() => Verify.VerifyAsync("""
        using Microsoft.Extensions.AI;

        public static class Tools
        {
            public static AIFunction Create() => AIFunctionFactory.Create({|#0:(string city) => city|});
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("lambda"));

    [Fact]
    public Task FactoryLambdaWithAttribute_DoesNotTrigger() => Verify.VerifyAsync("""
        using AgentSafety;
        using Microsoft.Extensions.AI;

        public static class Tools
        {
            public static AIFunction Create() =>
                AIFunctionFactory.Create([PublicTool("echoes its input")] (string text) => text);
        }
        """);

    [Fact]
    public Task FactoryLocalFunctionWithoutDeclaration_Triggers() => Verify.VerifyAsync("""
        using Microsoft.Extensions.AI;

        public static class Tools
        {
            public static AIFunction Create()
            {
                return AIFunctionFactory.Create({|#0:Delete|});

                static string Delete(string path) => path;
            }
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("Delete"));

    [Fact]
    public Task FactoryLocalFunctionWithRelation_DoesNotTrigger() => Verify.VerifyAsync("""
        using AgentSafety;
        using Microsoft.Extensions.AI;

        public static class Tools
        {
            public static AIFunction Create()
            {
                return AIFunctionFactory.Create(Delete);

                [RequiresRelation("can_delete", "file", "path")]
                static string Delete(string path) => path;
            }
        }
        """);

    [Fact]
    public Task FactoryStaticallyKnownMethodInfo_Triggers() => Verify.VerifyAsync("""
        using Microsoft.Extensions.AI;

        public class Tools
        {
            public string Transfer(decimal amount) => "ok";

            public AIFunction Create() =>
                AIFunctionFactory.Create({|#0:typeof(Tools).GetMethod(nameof(Transfer))|}, this);
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("Transfer"));

    [Fact]
    public Task FactoryMethodInfoOfOverloadedName_DoesNotTrigger() => Verify.VerifyAsync("""
        using Microsoft.Extensions.AI;

        public class Tools
        {
            public string Transfer(decimal amount) => "ok";

            public string Transfer(decimal amount, string currency) => "ok";

            public AIFunction Create() => AIFunctionFactory.Create(typeof(Tools).GetMethod("Transfer"), this);
        }
        """);

    [Fact]
    public Task FactoryDelegateVariable_DoesNotTrigger() => Verify.VerifyAsync("""
        using System;
        using Microsoft.Extensions.AI;

        public static class Tools
        {
            public static AIFunction Create(Func<string, string> anything) => AIFunctionFactory.Create(anything);
        }
        """);

    [Fact]
    public Task KernelFunctionWithoutDeclaration_Triggers() => Verify.VerifyAsync("""
        using Microsoft.SemanticKernel;

        public sealed class MailPlugin
        {
            [KernelFunction]
            public string {|#0:SendMailAsync|}(string to, string body) => "sent";
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("SendMail"));

    [Fact]
    public Task KernelFunctionWithApproval_DoesNotTrigger() => Verify.VerifyAsync("""
        using AgentSafety;
        using Microsoft.SemanticKernel;

        public sealed class MailPlugin
        {
            [KernelFunction("send_mail")]
            [RequiresApproval("Send mail to {to}")]
            public string SendMail(string to, string body) => "sent";
        }
        """);

    [Fact]
    public Task KernelFunctionInPublicType_DoesNotTrigger() => Verify.VerifyAsync("""
        using AgentSafety;
        using Microsoft.SemanticKernel;

        [PublicTool("Only reads the public exchange rates")]
        public sealed class RatesPlugin
        {
            [KernelFunction]
            public decimal Rate(string currency) => 1m;
        }
        """);

    [Fact]
    public Task McpServerToolWithoutDeclaration_Triggers() => Verify.VerifyAsync("""
        using ModelContextProtocol.Server;

        [McpServerToolType]
        public static class FileTools
        {
            [McpServerTool(Name = "delete_file")]
            public static string {|#0:DeleteFile|}(string path) => path;
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("delete_file"));

    [Fact]
    public Task McpServerToolWithAuthorizeOnMethod_DoesNotTrigger() => Verify.VerifyAsync("""
        using Microsoft.AspNetCore.Authorization;
        using ModelContextProtocol.Server;

        [McpServerToolType]
        public static class FileTools
        {
            [McpServerTool, Authorize(Roles = "admin")]
            public static string DeleteFile(string path) => path;
        }
        """);

    [Fact]
    public Task McpServerToolWithAllowAnonymousOnType_DoesNotTrigger() => Verify.VerifyAsync("""
        using Microsoft.AspNetCore.Authorization;
        using ModelContextProtocol.Server;

        [McpServerToolType, AllowAnonymous]
        public static class EchoTools
        {
            [McpServerTool]
            public static string Echo(string text) => text;
        }
        """);

    [Fact]
    public Task KernelFunctionWithAuthorize_Triggers() => Verify.VerifyAsync("""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.SemanticKernel;

        public sealed class MailPlugin
        {
            [KernelFunction, Authorize]
            public string {|#0:Send|}(string to) => "sent";
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("Send"));

    [Fact]
    public Task AIFunctionSubclassWithoutDeclaration_Triggers() => Verify.VerifyAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        public sealed class {|#0:ShellFunction|} : AIFunction
        {
            protected override ValueTask<object?> InvokeCoreAsync(
                AIFunctionArguments arguments, CancellationToken cancellationToken) => new((object?)null);
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("ShellFunction"));

    [Fact]
    public Task AIFunctionSubclassWithPermission_DoesNotTrigger() => Verify.VerifyAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        using AgentSafety;
        using Microsoft.Extensions.AI;

        [RequiresPermission("shell:run")]
        public sealed class ShellFunction : AIFunction
        {
            protected override ValueTask<object?> InvokeCoreAsync(
                AIFunctionArguments arguments, CancellationToken cancellationToken) => new((object?)null);
        }
        """);

    [Fact]
    public Task AbstractAndDelegatingFunctions_DoNotTrigger() => Verify.VerifyAsync("""
        using Microsoft.Extensions.AI;

        public abstract class ToolBase : AIFunction
        {
        }

        public sealed class LoggingFunction(AIFunction inner) : DelegatingAIFunction(inner)
        {
        }
        """);

    [Fact]
    public Task AttributedToolPassedToFactory_ReportsOnlyAtDeclaration() => Verify.VerifyAsync("""
        using Microsoft.Extensions.AI;
        using Microsoft.SemanticKernel;

        public static class Tools
        {
            [KernelFunction]
            public static string {|#0:Lookup|}(string key) => key;

            public static AIFunction Create() => AIFunctionFactory.Create(Lookup);
        }
        """,
        Verify.Diagnostic(Id).WithLocation(0).WithArguments("Lookup"));

    [Fact]
    public Task OrdinaryMethodNeverRegistered_DoesNotTrigger() => Verify.VerifyAsync("""
        public static class Helpers
        {
            public static string Weather(string city) => city;
        }
        """);

    [Fact]
    public Task BrokenAttributeArguments_DoNotCrash() => Verify.VerifyAsync("""
        using AgentSafety;
        using Microsoft.Extensions.AI;

        public static class Tools
        {
            [RequiresPermission({|CS0103:missing|})]
            public static string Weather(string city) => city;

            public static AIFunction Create() => AIFunctionFactory.Create(Weather);
        }
        """);
}
