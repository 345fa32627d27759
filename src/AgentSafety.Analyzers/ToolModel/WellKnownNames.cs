namespace AgentSafety.Analyzers.ToolModel;

/// <summary>
/// Metadata names of the types that make a method an agent tool or declare its guard. Tools are recognised by these
/// names, never by assembly identity or version, so any release of a framework is seen the same way.
/// </summary>
internal static class WellKnownNames
{
    public const string RequiresPermissionAttribute = "AgentSafety.RequiresPermissionAttribute";
    public const string RequiresRelationAttribute = "AgentSafety.RequiresRelationAttribute";
    public const string RequiresApprovalAttribute = "AgentSafety.RequiresApprovalAttribute";
    public const string DelegatedTokenAttribute = "AgentSafety.DelegatedTokenAttribute";
    public const string PublicToolAttribute = "AgentSafety.PublicToolAttribute";
    public const string AgentToolAttribute = "AgentSafety.AgentToolAttribute";
    public const string AccessToken = "AgentSafety.AccessToken";
    public const string ToolPrincipal = "AgentSafety.ToolPrincipal";

    public const string AIFunctionFactory = "Microsoft.Extensions.AI.AIFunctionFactory";
    public const string AIFunction = "Microsoft.Extensions.AI.AIFunction";
    public const string AITool = "Microsoft.Extensions.AI.AITool";
    public const string AIFunctionArguments = "Microsoft.Extensions.AI.AIFunctionArguments";
    public const string DelegatingAIFunction = "Microsoft.Extensions.AI.DelegatingAIFunction";
    public const string GuardedAIFunction = "AgentSafety.GuardedAIFunction";

    public const string KernelFunctionAttribute = "Microsoft.SemanticKernel.KernelFunctionAttribute";
    public const string KernelFunctionFactory = "Microsoft.SemanticKernel.KernelFunctionFactory";

    public const string McpServerToolAttribute = "ModelContextProtocol.Server.McpServerToolAttribute";
    public const string McpServerTool = "ModelContextProtocol.Server.McpServerTool";

    public const string AuthorizeAttribute = "Microsoft.AspNetCore.Authorization.AuthorizeAttribute";
    public const string AllowAnonymousAttribute = "Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute";

    public const string DescriptionAttribute = "System.ComponentModel.DescriptionAttribute";
    public const string CancellationToken = "System.Threading.CancellationToken";
    public const string Delegate = "System.Delegate";
    public const string MethodInfo = "System.Reflection.MethodInfo";
    public const string ClaimsPrincipal = "System.Security.Claims.ClaimsPrincipal";
    public const string Exception = "System.Exception";
    public const string ApprovalRequiredAIFunction = "Microsoft.Extensions.AI.ApprovalRequiredAIFunction";
    public const string FromKeyedServicesAttribute =
        "Microsoft.Extensions.DependencyInjection.FromKeyedServicesAttribute";

    public const string AddMcpServer = "AddMcpServer";
    public const string AddAuthorizationFilters = "AddAuthorizationFilters";
    public const string WithToolsFromAssembly = "WithToolsFromAssembly";
    public const string McpServerToolTypeAttribute = "ModelContextProtocol.Server.McpServerToolTypeAttribute";

    /// <summary>
    /// Calls the rules look for by name besides the tool factories: MCP server set-up, and the framework methods
    /// that discover a type's attributed methods as tools (MCP <c>WithTools</c>, Semantic Kernel plugins).
    /// </summary>
    public static readonly System.Collections.Immutable.ImmutableHashSet<string> SetupMethodNames =
        System.Collections.Immutable.ImmutableHashSet.Create(
            System.StringComparer.Ordinal,
            AddMcpServer, AddAuthorizationFilters, "WithTools", WithToolsFromAssembly, "AddFromType", "AddFromObject",
            "CreateFromType", "CreateFromObject", "ImportPluginFromType", "ImportPluginFromObject");
}
