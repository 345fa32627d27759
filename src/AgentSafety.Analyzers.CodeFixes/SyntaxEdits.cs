using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentSafety.Analyzers.CodeFixes;

/// <summary>Small syntax edits the AgentSafety fixes share.</summary>
internal static class SyntaxEdits
{
    public const string AgentSafetyNamespace = "AgentSafety";

    /// <summary>Adds <c>using AgentSafety;</c> unless the file already has it.</summary>
    public static SyntaxNode AddAgentSafetyUsing(SyntaxNode root)
    {
        if (root is not CompilationUnitSyntax unit ||
            unit.Usings.Any(static u => u.Name?.ToString() == AgentSafetyNamespace) ||
            unit.DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>()
                .Any(static ns => ns.Usings.Any(static u => u.Name?.ToString() == AgentSafetyNamespace)))
        {
            return root;
        }

        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.IdentifierName(AgentSafetyNamespace))
            .WithTrailingTrivia(SyntaxFactory.EndOfLine("\n"));
        return unit.WithUsings(unit.Usings.Add(directive));
    }

    /// <summary>Puts <paramref name="attribute"/> on its own line above <paramref name="method"/>.</summary>
    public static MethodDeclarationSyntax AddAttributeAbove(MethodDeclarationSyntax method, AttributeSyntax attribute)
    {
        var leading = method.GetLeadingTrivia();
        var indentation = leading.LastOrDefault(static t => t.IsKind(SyntaxKind.WhitespaceTrivia));
        var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute))
            .WithLeadingTrivia(leading)
            .WithTrailingTrivia(SyntaxFactory.EndOfLine("\n"));
        var rest = indentation == default ? SyntaxFactory.TriviaList() : SyntaxFactory.TriviaList(indentation);
        var lists = method.AttributeLists;
        if (lists.Count > 0)
        {
            var first = lists[0].WithLeadingTrivia(rest);
            return method.WithAttributeLists(lists.Replace(lists[0], first).Insert(0, list));
        }

        return method.WithLeadingTrivia(rest).WithAttributeLists(SyntaxFactory.SingletonList(list));
    }
}
