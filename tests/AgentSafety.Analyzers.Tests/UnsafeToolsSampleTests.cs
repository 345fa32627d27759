using AgentSafety.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentSafety.Analyzers.Tests;

/// <summary>
/// samples/UnsafeTools shows every rule; its expected-diagnostics.txt lists them as <c>ID File.cs:line</c>, and this
/// test compiles the sample with every analyzer and compares.
/// </summary>
public sealed class UnsafeToolsSampleTests
{
    [Fact]
    public async Task UnsafeToolsSample_ReportsExactlyTheExpectedDiagnostics()
    {
        var folder = RepositoryPaths.Combine("samples", "UnsafeTools");
        var trees = Directory.GetFiles(folder, "*.cs")
            .Order(StringComparer.Ordinal)
            .Select(path => CSharpSyntaxTree.ParseText(
                File.ReadAllText(path), new CSharpParseOptions(LanguageVersion.Latest), path))
            .ToList();
        var compilation = CSharpCompilation.Create(
            "UnsafeTools", trees, TestReferences.Assemblies,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var diagnostics = await compilation.WithAnalyzers(AllAnalyzers.Instances).GetAnalyzerDiagnosticsAsync();

        var actual = diagnostics
            .Select(d => $"{d.Id} {Path.GetFileName(d.Location.SourceTree!.FilePath)}:" +
                $"{d.Location.GetLineSpan().StartLinePosition.Line + 1}")
            .Order(StringComparer.Ordinal);
        var expected = File.ReadAllLines(Path.Combine(folder, "expected-diagnostics.txt"))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, actual);
    }

    // Credential and approval rules; the authorization and usage rules' samples are kept by their own branch.
    [Fact]
    public void UnsafeToolsSample_ShowsEveryCredentialAndApprovalRule()
    {
        var expected = File.ReadAllLines(RepositoryPaths.Combine("samples", "UnsafeTools", "expected-diagnostics.txt"))
            .Select(line => line.Split(' ')[0])
            .ToHashSet();

        var ids = AllAnalyzers.Instances.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id)
            .Where(id => id.StartsWith("AS2", StringComparison.Ordinal) ||
                id.StartsWith("AS3", StringComparison.Ordinal))
            .Distinct()
            .ToList();

        Assert.NotEmpty(ids);

        Assert.All(ids, id => Assert.Contains(id, expected));
    }
}
