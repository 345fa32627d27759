using AgentSafety.Analyzers.CodeFixes.Fixes;
using Verify = AgentSafety.Analyzers.Tests.Verifiers.CodeFixVerifier<
    AgentSafety.Analyzers.Rules.ToolWithoutAuthorizationAnalyzer,
    AgentSafety.Analyzers.CodeFixes.Fixes.RequirePermissionFixer>;

namespace AgentSafety.Analyzers.Tests.Fixes;

public sealed class RequirePermissionFixerTests
{
    [Fact]
    public Task FactoryMethodGroup_AddsPermissionNamedAfterToolAndUsing() => Verify.VerifyAsync("""
        using Microsoft.Extensions.AI;

        public static class Tools
        {
            /// <summary>Looks up the weather.</summary>
            public static string Weather(string city) => city;

            public static AIFunction Create() => AIFunctionFactory.Create([|Weather|]);
        }
        """, """
        using AgentSafety;
        using Microsoft.Extensions.AI;

        public static class Tools
        {
            /// <summary>Looks up the weather.</summary>
            [RequiresPermission("Weather")]
            public static string Weather(string city) => city;

            public static AIFunction Create() => AIFunctionFactory.Create(Weather);
        }
        """, RequirePermissionFixer.EquivalenceKey);

    [Fact]
    public Task KernelFunctionWithUsingPresent_AddsAttributeAfterExistingOnes() => Verify.VerifyAsync("""
        using System;
        using AgentSafety;
        using Microsoft.SemanticKernel;

        public sealed class MailPlugin
        {
            [KernelFunction("send_mail")]
            public string [|Send|](string to) => "sent";
        }
        """, """
        using System;
        using AgentSafety;
        using Microsoft.SemanticKernel;

        public sealed class MailPlugin
        {
            [KernelFunction("send_mail")]
            [RequiresPermission("send_mail")]
            public string Send(string to) => "sent";
        }
        """, RequirePermissionFixer.EquivalenceKey);

    [Fact]
    public Task SeveralToolsInOneDocument_FixAllAddsUsingOnce() => Verify.VerifyAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using ModelContextProtocol.Server;

        [McpServerToolType]
        public static class FileTools
        {
            [McpServerTool(Name = "delete_file")]
            public static string [|DeleteFile|](string path) => path;

            [McpServerTool]
            public static string [|MoveFile|](string from, string to) => to;
        }

        public sealed class [|ShellFunction|] : AIFunction
        {
            protected override ValueTask<object?> InvokeCoreAsync(
                AIFunctionArguments arguments, CancellationToken cancellationToken) => new((object?)null);
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;
        using AgentSafety;
        using Microsoft.Extensions.AI;
        using ModelContextProtocol.Server;

        [McpServerToolType]
        public static class FileTools
        {
            [McpServerTool(Name = "delete_file")]
            [RequiresPermission("delete_file")]
            public static string DeleteFile(string path) => path;

            [McpServerTool]
            [RequiresPermission("MoveFile")]
            public static string MoveFile(string from, string to) => to;
        }

        [RequiresPermission("ShellFunction")]
        public sealed class ShellFunction : AIFunction
        {
            protected override ValueTask<object?> InvokeCoreAsync(
                AIFunctionArguments arguments, CancellationToken cancellationToken) => new((object?)null);
        }
        """, RequirePermissionFixer.EquivalenceKey);

    [Fact]
    public Task LocalFunction_GetsAttributeAboveIt() => Verify.VerifyAsync("""
        using Microsoft.Extensions.AI;

        public static class Tools
        {
            public static AIFunction Create()
            {
                return AIFunctionFactory.Create([|Delete|], name: "delete");

                static string Delete(string path) => path;
            }
        }
        """, """
        using AgentSafety;
        using Microsoft.Extensions.AI;

        public static class Tools
        {
            public static AIFunction Create()
            {
                return AIFunctionFactory.Create(Delete, name: "delete");

                [RequiresPermission("delete")]
                static string Delete(string path) => path;
            }
        }
        """, RequirePermissionFixer.EquivalenceKey);

    [Fact]
    public Task NamedLambda_GetsInlineAttribute() => Verify.VerifyAsync("""
        using System;
        using Microsoft.Extensions.AI;

        public static class Tools
        {
            public static AIFunction Create() =>
                AIFunctionFactory.Create(
                    [|(Func<string, string>)(city => city)|],
                    name: "weather");
        }
        """, """
        using System;
        using AgentSafety;
        using Microsoft.Extensions.AI;

        public static class Tools
        {
            public static AIFunction Create() =>
                AIFunctionFactory.Create(
                    (Func<string, string>)([RequiresPermission("weather")] (city) => city),
                    name: "weather");
        }
        """, RequirePermissionFixer.EquivalenceKey);

    [Fact]
    public Task UnnamedLambda_OffersNoPermissionFix() => Verify.VerifyNoFixAsync("""
        using Microsoft.Extensions.AI;

        public static class Tools
        {
            public static AIFunction Create() => AIFunctionFactory.Create([|(string city) => city|]);
        }
        """, RequirePermissionFixer.EquivalenceKey);

    [Fact]
    public Task AnonymousMethod_OffersNoFix() => Verify.VerifyNoFixAsync("""
        using System;
        using Microsoft.Extensions.AI;

        public static class Tools
        {
            public static AIFunction Create() =>
                AIFunctionFactory.Create([|(Func<string, string>)delegate (string city) { return city; }|], "weather");
        }
        """, RequirePermissionFixer.EquivalenceKey);
}
