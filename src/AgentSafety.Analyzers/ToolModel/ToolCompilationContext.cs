using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AgentSafety.Analyzers.ToolModel;

/// <summary>
/// The well-known symbols of one compilation, resolved once and shared. Every analyzer asks for it in its
/// compilation-start action and stops there when <see cref="Create"/> returns <see langword="null"/>: a project
/// that references no agent framework and no AgentSafety attribute has no tools to check.
/// </summary>
internal sealed class ToolCompilationContext
{
    private readonly ImmutableArray<IAssemblySymbol> _references;

    private ToolCompilationContext(Compilation compilation)
    {
        Compilation = compilation;
        _references = compilation.SourceModule.ReferencedAssemblySymbols;
        RequiresPermissionAttribute = Resolve(WellKnownNames.RequiresPermissionAttribute);
        RequiresRelationAttribute = Resolve(WellKnownNames.RequiresRelationAttribute);
        RequiresApprovalAttribute = Resolve(WellKnownNames.RequiresApprovalAttribute);
        DelegatedTokenAttribute = Resolve(WellKnownNames.DelegatedTokenAttribute);
        PublicToolAttribute = Resolve(WellKnownNames.PublicToolAttribute);
        AgentToolAttribute = Resolve(WellKnownNames.AgentToolAttribute);
        AccessToken = Resolve(WellKnownNames.AccessToken);
        ToolPrincipal = Resolve(WellKnownNames.ToolPrincipal);
        GuardedAIFunction = Resolve(WellKnownNames.GuardedAIFunction);
        AIFunctionFactory = Resolve(WellKnownNames.AIFunctionFactory);
        AIFunction = Resolve(WellKnownNames.AIFunction);
        AITool = Resolve(WellKnownNames.AITool);
        AIFunctionArguments = Resolve(WellKnownNames.AIFunctionArguments);
        DelegatingAIFunction = Resolve(WellKnownNames.DelegatingAIFunction);
        KernelFunctionAttribute = Resolve(WellKnownNames.KernelFunctionAttribute);
        KernelFunctionFactory = Resolve(WellKnownNames.KernelFunctionFactory);
        McpServerToolAttribute = Resolve(WellKnownNames.McpServerToolAttribute);
        McpServerTool = Resolve(WellKnownNames.McpServerTool);
        AuthorizeAttribute = Resolve(WellKnownNames.AuthorizeAttribute);
        AllowAnonymousAttribute = Resolve(WellKnownNames.AllowAnonymousAttribute);
        CancellationToken = Resolve(WellKnownNames.CancellationToken);
        Delegate = Resolve(WellKnownNames.Delegate);
        MethodInfo = Resolve(WellKnownNames.MethodInfo);
        ClaimsPrincipal = Resolve(WellKnownNames.ClaimsPrincipal);
        FromKeyedServicesAttribute = Resolve(WellKnownNames.FromKeyedServicesAttribute);
        Exception = Resolve(WellKnownNames.Exception);
        ApprovalRequiredAIFunction = Resolve(WellKnownNames.ApprovalRequiredAIFunction);
    }

    /// <summary>The compilation the symbols come from.</summary>
    public Compilation Compilation { get; }

    public INamedTypeSymbol? RequiresPermissionAttribute { get; }
    public INamedTypeSymbol? RequiresRelationAttribute { get; }
    public INamedTypeSymbol? RequiresApprovalAttribute { get; }
    public INamedTypeSymbol? DelegatedTokenAttribute { get; }
    public INamedTypeSymbol? PublicToolAttribute { get; }
    public INamedTypeSymbol? AgentToolAttribute { get; }
    public INamedTypeSymbol? AccessToken { get; }
    public INamedTypeSymbol? ToolPrincipal { get; }
    public INamedTypeSymbol? GuardedAIFunction { get; }
    public INamedTypeSymbol? AIFunctionFactory { get; }
    public INamedTypeSymbol? AIFunction { get; }
    public INamedTypeSymbol? AITool { get; }
    public INamedTypeSymbol? AIFunctionArguments { get; }
    public INamedTypeSymbol? DelegatingAIFunction { get; }
    public INamedTypeSymbol? KernelFunctionAttribute { get; }
    public INamedTypeSymbol? KernelFunctionFactory { get; }
    public INamedTypeSymbol? McpServerToolAttribute { get; }
    public INamedTypeSymbol? McpServerTool { get; }
    public INamedTypeSymbol? AuthorizeAttribute { get; }
    public INamedTypeSymbol? AllowAnonymousAttribute { get; }
    public INamedTypeSymbol? CancellationToken { get; }
    public INamedTypeSymbol? Delegate { get; }
    public INamedTypeSymbol? MethodInfo { get; }
    public INamedTypeSymbol? ClaimsPrincipal { get; }
    public INamedTypeSymbol? FromKeyedServicesAttribute { get; }
    public INamedTypeSymbol? Exception { get; }
    public INamedTypeSymbol? ApprovalRequiredAIFunction { get; }

    /// <summary>True when at least one AgentSafety requirement attribute is referenced.</summary>
    public bool ReferencesAgentSafety =>
        RequiresPermissionAttribute is not null ||
        RequiresRelationAttribute is not null ||
        RequiresApprovalAttribute is not null ||
        PublicToolAttribute is not null;

    /// <summary>True when at least one agent framework whose tools the model recognises is referenced.</summary>
    public bool ReferencesAgentFramework =>
        AIFunctionFactory is not null ||
        AIFunction is not null ||
        KernelFunctionAttribute is not null ||
        KernelFunctionFactory is not null ||
        McpServerToolAttribute is not null ||
        McpServerTool is not null;

    /// <summary>
    /// Resolves the symbols of <paramref name="compilation"/>, or returns <see langword="null"/> when it references
    /// neither an agent framework nor AgentSafety, so the caller can register nothing.
    /// </summary>
    public static ToolCompilationContext? Create(Compilation compilation) => ToolIndex.For(compilation).Context;

    /// <summary>Resolves the symbols afresh; <see cref="Create"/> returns the copy every analyzer shares.</summary>
    internal static ToolCompilationContext? ResolveFrom(Compilation compilation)
    {
        var context = new ToolCompilationContext(compilation);
        if (!context.ReferencesAgentFramework && !context.ReferencesAgentSafety)
            return null;

        return context;
    }

    /// <summary>True when <paramref name="type"/> is <paramref name="expected"/> (both known).</summary>
    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected) =>
        type is not null &&
        expected is not null &&
        SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);

    /// <summary>True when <paramref name="type"/> is <paramref name="baseType"/> or derives from it.</summary>
    public static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
            return false;

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (Is(current, baseType))
                return true;
        }

        return false;
    }

    // Every type named here is defined by a library, so only references are searched, as the compilation would
    // with an ambiguous name: one public definition or none. Compilation.GetTypeByMetadataName would first search
    // the project's own source, which makes the compiler merge the declarations of every file the moment a rule
    // starts. The source is searched only when the project itself is in the type's namespace (AgentSafety's own
    // runtime, or a framework built with these rules).
    private INamedTypeSymbol? Resolve(string metadataName)
    {
        INamedTypeSymbol? found = null;
        foreach (var assembly in _references)
        {
            var type = assembly.GetTypeByMetadataName(metadataName);
            if (type is not { DeclaredAccessibility: Accessibility.Public })
                continue;

            if (found is not null)
                return null;

            found = type;
        }

        if (found is null && IsInOwnNamespace(metadataName))
            found = Compilation.Assembly.GetTypeByMetadataName(metadataName);

        return found;
    }

    private bool IsInOwnNamespace(string metadataName)
    {
        var dot = metadataName.IndexOf('.');
        var root = dot > 0 ? metadataName.Substring(0, dot) : metadataName;
        var assemblyName = Compilation.AssemblyName ?? "";
        return assemblyName.StartsWith(root, System.StringComparison.Ordinal);
    }
}
