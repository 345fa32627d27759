using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentSafety.Analyzers.CodeFixes.Fixes;

/// <summary>Adds a using directive where a person would: System first, then ordinal order.</summary>
internal static class UsingDirectives
{
    /// <summary>The document's own line ending, so fixes never mix CRLF and LF.</summary>
    public static SyntaxTrivia EndOfLine(SyntaxNode root)
    {
        var existing = root.DescendantTrivia().FirstOrDefault(trivia => trivia.IsKind(SyntaxKind.EndOfLineTrivia));
        return existing.IsKind(SyntaxKind.EndOfLineTrivia) ? existing : SyntaxFactory.CarriageReturnLineFeed;
    }

    /// <summary>
    /// Adds <c>using <paramref name="namespaceName"/>;</c> unless the file already has it, at file or namespace level.
    /// </summary>
    public static SyntaxNode Ensure(SyntaxNode root, string namespaceName, SyntaxTrivia endOfLine)
    {
        var present = root
            .DescendantNodes(static node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
            .OfType<UsingDirectiveSyntax>()
            .Any(directive => directive.Alias is null && directive.Name?.ToString() == namespaceName);
        return present || root is not CompilationUnitSyntax unit ? root : Add(unit, namespaceName, endOfLine);
    }

    public static CompilationUnitSyntax Add(CompilationUnitSyntax unit, string namespaceName, SyntaxTrivia endOfLine)
    {
        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(namespaceName))
            .WithTrailingTrivia(endOfLine);
        var usings = unit.Usings;
        if (usings.Count == 0)
            return unit.WithUsings(SyntaxFactory.SingletonList(directive.WithTrailingTrivia(endOfLine, endOfLine)));

        var index = 0;
        while (index < usings.Count && SortsBefore(usings[index], namespaceName))
            index++;

        if (index == 0)
        {
            directive = directive.WithLeadingTrivia(usings[0].GetLeadingTrivia());
            usings = usings.Replace(usings[0], usings[0].WithoutLeadingTrivia());
        }

        return unit.WithUsings(usings.Insert(index, directive));
    }

    // As dotnet_sort_system_directives_first leaves them: System namespaces first, then ordinal order.
    private static bool SortsBefore(UsingDirectiveSyntax existing, string namespaceName)
    {
        if (existing.Alias is not null || !existing.StaticKeyword.IsKind(SyntaxKind.None) || existing.Name is null)
            return false;

        var name = existing.Name.ToString();
        var existingIsSystem = IsSystem(name);
        if (existingIsSystem != IsSystem(namespaceName))
            return existingIsSystem;

        return string.CompareOrdinal(name, namespaceName) < 0;
    }

    private static bool IsSystem(string name) =>
        name == "System" || name.StartsWith("System.", System.StringComparison.Ordinal);
}
