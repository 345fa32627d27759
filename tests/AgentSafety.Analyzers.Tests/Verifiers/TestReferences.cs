using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace AgentSafety.Analyzers.Tests.Verifiers;

/// <summary>
/// The references every test compilation gets: the .NET and ASP.NET assemblies this test process runs on, the
/// AgentSafety runtime, Microsoft.Extensions.AI, Semantic Kernel and the MCP SDK. They come from the test's own
/// output, so tests run offline and see the same framework versions the samples build against.
/// </summary>
internal static class TestReferences
{
    private static readonly string[] IncludedPrefixes =
    [
        "System.", "Microsoft.AspNetCore.", "Microsoft.Extensions.", "Microsoft.SemanticKernel.",
        "ModelContextProtocol.", "AgentSafety.", "Microsoft.Win32.", "Microsoft.CSharp.", "Microsoft.Bcl.",
        "netstandard.", "mscorlib.",
    ];

    /// <summary>No reference pack: the assemblies come from <see cref="Assemblies"/>.</summary>
    public static ReferenceAssemblies None { get; } = new("net10.0");

    public static ImmutableArray<MetadataReference> Assemblies { get; } = Load();

    public static bool IsAgentSafetyRuntime(MetadataReference reference) =>
        Path.GetFileName(reference.Display) == "AgentSafety.dll";

    private static ImmutableArray<MetadataReference> Load()
    {
        var paths = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator);
        return paths
            .Where(path => path.Length > 0 && IsIncluded(Path.GetFileName(path)))
            .Where(path => Path.GetFileName(path) != "AgentSafety.Analyzers.Tests.dll")
            .Where(path => !Path.GetFileName(path).StartsWith("AgentSafety.Analyzers", StringComparison.Ordinal))
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }

    private static bool IsIncluded(string fileName) =>
        fileName == "AgentSafety.dll" ||
        IncludedPrefixes.Any(prefix => fileName.StartsWith(prefix, StringComparison.Ordinal)) &&
        !fileName.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal);
}
