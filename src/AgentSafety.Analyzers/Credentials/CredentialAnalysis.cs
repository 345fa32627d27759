using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AgentSafety.Analyzers.ToolModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AgentSafety.Analyzers.Credentials;

/// <summary>
/// The engine behind the credential rules (AS2001–AS2004). Each rule registers it for its own finding kind. For each
/// tool it follows the tool's body and the source code it calls (up to a depth), reading facts from the compilation's
/// shared <see cref="CredentialFacts"/>. A finding in the tool's own file is reported with the tool, so an IDE shows
/// it while the file is edited; one that only a tool in another file reaches is reported at the end of the
/// compilation, under the rule's second descriptor, once for the first tool (by name) that reaches it.
/// </summary>
internal sealed class CredentialAnalysis
{
    /// <summary>Diagnostic property: the connection a delegated token for this credential would come from.</summary>
    public const string ConnectionProperty = "Connection";

    /// <summary>Diagnostic property present when the reported expression can become <c>accessToken.Value</c>.</summary>
    public const string ReplaceableProperty = "ReplaceWithAccessToken";

    /// <summary><c>.editorconfig</c> key: <c>true</c> analyzes test code too.</summary>
    public const string AnalyzeTestsOption = "agentsafety.credentials.analyze_tests";

    /// <summary><c>.editorconfig</c> key: how many calls deep to follow a tool into source (default 3).</summary>
    public const string MaxCallDepthOption = "agentsafety.credentials.max_call_depth";

    private const int DefaultMaxCallDepth = 3;

    private static readonly ImmutableArray<string> TestFrameworkAssemblies = ImmutableArray.Create(
        "xunit.core", "xunit.v3.core", "nunit.framework", "Microsoft.VisualStudio.TestPlatform.TestFramework",
        "TUnit.Core");

    private static readonly ImmutableHashSet<string> TestAttributeNames = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "FactAttribute", "TheoryAttribute", "TestAttribute", "TestCaseAttribute", "TestMethodAttribute");

    private readonly CredentialFindingKind _kind;
    private readonly CredentialRule _rule;
    private readonly CredentialFacts _facts;
    private readonly int _maxDepth;
    private readonly bool _analyzeTests;
    // Only tools that reach a finding in another file: the rest have reported everything from their own file.
    private readonly ConcurrentDictionary<MethodKey, ToolRoot> _roots = new();
    private readonly ConcurrentDictionary<SyntaxKey, bool> _reported = new();

    private CredentialAnalysis(
        CredentialFindingKind kind, CredentialRule rule, CredentialFacts facts, int maxDepth, bool analyzeTests)
    {
        _kind = kind;
        _rule = rule;
        _facts = facts;
        _maxDepth = maxDepth;
        _analyzeTests = analyzeTests;
    }

    /// <summary>
    /// Registers the engine on <paramref name="context"/>, reporting findings of one kind. The caller has already
    /// enabled concurrent execution and turned off generated-code analysis.
    /// </summary>
    public static void Register(AnalysisContext context, CredentialFindingKind kind, CredentialRule rule)
    {
        context.RegisterCompilationStartAction(start =>
        {
            if (ToolCompilationContext.Create(start.Compilation) is not { ReferencesAgentFramework: true } tools)
                return;

            var globalOptions = start.Options.AnalyzerConfigOptionsProvider.GlobalOptions;
            var analyzeTests = IsEnabled(globalOptions, AnalyzeTestsOption);
            if (!analyzeTests && IsTestProject(start.Compilation, globalOptions))
                return;

            var analysis = new CredentialAnalysis(
                kind, rule, CredentialFacts.For(start.Compilation), MaxDepth(globalOptions), analyzeTests);
            start.RegisterToolAction(tools, analysis.AnalyzeTool);
            start.RegisterCompilationEndAction(analysis.ReportReachedFromOtherFiles);
        });
    }

    private void AnalyzeTool(ToolAnalysisContext context)
    {
        var tool = context.Tool;
        if (!_analyzeTests && IsTestCode(tool.Symbol))
            return;

        var file = tool.Location.SourceTree;
        foreach (var method in RootMethods(tool))
        {
            if (MethodKey.From(method) is not { } key)
                continue;

            ToolRoot? root = null;
            var reached = _facts.Reachable(key, _maxDepth, context.SemanticModel, context.CancellationToken);
            foreach (var (owner, finding) in reached)
            {
                if (finding.Kind != _kind)
                    continue;

                root ??= new ToolRoot(key, tool.Name ?? "lambda", method);
                if (finding.Location.SourceTree != file)
                    _roots.TryAdd(key, root);
                else if (Claim(finding))
                    context.ReportDiagnostic(CreateDiagnostic(_rule.InToolFile, root, owner, finding));
            }
        }
    }

    private void ReportReachedFromOtherFiles(CompilationAnalysisContext context)
    {
        var roots = _roots.Values.OrderBy(static root => root.Name, StringComparer.Ordinal)
            .ThenBy(static root => root.Key.Tree.FilePath, StringComparer.Ordinal)
            .ThenBy(static root => root.Key.Span.Start);
        foreach (var root in roots)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            foreach (var (owner, finding) in _facts.Reachable(root.Key, _maxDepth, null, context.CancellationToken))
            {
                if (finding.Kind == _kind && Claim(finding))
                    context.ReportDiagnostic(CreateDiagnostic(_rule.InOtherFile, root, owner, finding));
            }
        }
    }

    private bool Claim(CredentialFinding finding) =>
        _reported.TryAdd(SyntaxKey.Of(finding.Location), true);

    private Diagnostic CreateDiagnostic(
        DiagnosticDescriptor descriptor, ToolRoot root, MethodKey owner, CredentialFinding finding)
    {
        var properties = ImmutableDictionary<string, string?>.Empty;
        if (finding.CanReplaceWithToken && owner.Equals(root.Key) && root.Method.MethodKind == MethodKind.Ordinary)
        {
            properties = properties
                .Add(ReplaceableProperty, "true")
                .Add(ConnectionProperty, finding.Connection ?? "api");
        }

        var toolName = root.Name;
        if (!owner.Equals(root.Key) && _facts.Of(owner, null, default) is { Name: { } helper })
            toolName = root.Name + "' through '" + helper;

        object?[] arguments = finding.Source is null
            ? new object?[] { toolName, finding.Detail }
            : new object?[] { toolName, finding.Detail, finding.Source };
        return Diagnostic.Create(descriptor, finding.Location, properties, arguments);
    }

    private static IEnumerable<IMethodSymbol> RootMethods(AgentTool tool)
    {
        if (tool.Method is { } method)
        {
            yield return method;
            yield break;
        }

        if (tool.Symbol is INamedTypeSymbol type)
        {
            foreach (var member in type.GetMembers(AgentTool.InvokeCoreMethodName))
            {
                if (member is IMethodSymbol { IsOverride: true } invoke)
                    yield return invoke;
            }
        }
    }

    private static bool IsTestProject(Compilation compilation, AnalyzerConfigOptions globalOptions)
    {
        if (IsEnabled(globalOptions, "build_property.IsTestProject"))
            return true;

        foreach (var assembly in compilation.ReferencedAssemblyNames)
        {
            if (TestFrameworkAssemblies.Contains(assembly.Name))
                return true;
        }

        return false;
    }

    // Test doubles and fixtures hold fake keys on purpose; the names are the usual test-code conventions.
    private static bool IsTestCode(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is { } type && TestAttributeNames.Contains(type.Name))
                return true;
        }

        var start = symbol as INamedTypeSymbol ?? symbol.ContainingType;
        for (var type = start; type is not null; type = type.ContainingType)
        {
            if (type.Name.EndsWith("Tests", StringComparison.Ordinal) ||
                type.Name.EndsWith("Fixture", StringComparison.Ordinal) ||
                type.Name.EndsWith("Stub", StringComparison.Ordinal))
            {
                return true;
            }
        }

        for (var ns = symbol.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            if (ns.Name is "Tests" or "Test" or "Fixtures" or "TestDoubles")
                return true;
        }

        return false;
    }

    private static bool IsEnabled(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out var value) &&
        string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    private static int MaxDepth(AnalyzerConfigOptions options) =>
        options.TryGetValue(MaxCallDepthOption, out var text) && int.TryParse(text.Trim(), out var depth) && depth >= 0
            ? depth
            : DefaultMaxCallDepth;

    private sealed class ToolRoot
    {
        public ToolRoot(MethodKey key, string name, IMethodSymbol method)
        {
            Key = key;
            Name = name;
            Method = method;
        }

        public MethodKey Key { get; }

        public string Name { get; }

        public IMethodSymbol Method { get; }
    }
}
