using System.Collections.Immutable;
using System.Reflection;
using AgentSafety.Analyzers.Rules;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentSafety.Analyzers.Tests;

/// <summary>
/// Every analyzer in the AgentSafety.Analyzers assembly, found by reflection so new rules are included.
/// </summary>
internal static class AllAnalyzers
{
    public static ImmutableArray<DiagnosticAnalyzer> Instances { get; } =
        typeof(ToolWithoutAuthorizationAnalyzer).Assembly
            .GetTypes()
            .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type))
            .Where(type => type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToImmutableArray();
}
