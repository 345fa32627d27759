using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentSafety.Analyzers.ToolModel;

/// <summary>
/// Says whether a diagnostic falls in generated code, so that rules reading the shared tool index can keep generated
/// code quiet without the compiler's own check. That check, run for an analyzer that lets the compiler drop its
/// diagnostics in generated code, reads every token of a file the first time the analyzer reports in it; here only
/// the reported node and its enclosing declarations are read.
/// </summary>
/// <remarks>
/// Follows the compiler's rules: a file is generated when <c>.editorconfig</c> says <c>generated_code = true</c>, by
/// its name (<c>.g.cs</c>, <c>.g.i.cs</c>, <c>.designer.cs</c>, <c>.generated.cs</c>,
/// <c>TemporaryGeneratedFile_</c>) or by an <c>&lt;auto-generated&gt;</c> comment before its first token; a
/// declaration is generated when it or an enclosing one carries
/// <c>System.CodeDom.Compiler.GeneratedCodeAttribute</c>, on any of its parts when it is partial.
/// </remarks>
internal static class GeneratedCodeFilter
{
    private const string GeneratedCodeOption = "generated_code";

    /// <summary>
    /// True when <paramref name="location"/> lies in a declaration that carries <c>[GeneratedCode]</c>, or inside one
    /// that does.
    /// </summary>
    public static bool InGeneratedDeclaration(Location location, SemanticModel model)
    {
        if (location.SourceTree is not { } tree)
            return false;

        var node = tree.GetRoot().FindNode(location.SourceSpan, getInnermostNodeForTie: true);
        for (var current = node; current is not null; current = current.Parent)
        {
            if (IsPartial(current))
            {
                // Another part, perhaps in another file, may carry the attribute; the symbol has them all.
                if (HasGeneratedCodeAttribute(current, model))
                    return true;

                continue;
            }

            var attributeLists = current switch
            {
                MemberDeclarationSyntax member => member.AttributeLists,
                LocalFunctionStatementSyntax local => local.AttributeLists,
                _ => default,
            };
            foreach (var list in attributeLists)
            {
                foreach (var attribute in list.Attributes)
                {
                    if (NamesGeneratedCode(attribute) && BindsGeneratedCode(attribute, model))
                        return true;
                }
            }
        }

        return false;
    }

    private static bool IsPartial(SyntaxNode node) => node switch
    {
        TypeDeclarationSyntax type => type.Modifiers.Any(SyntaxKind.PartialKeyword),
        MethodDeclarationSyntax method => method.Modifiers.Any(SyntaxKind.PartialKeyword),
        _ => false,
    };

    private static bool HasGeneratedCodeAttribute(SyntaxNode declaration, SemanticModel model)
    {
        var declarationModel = FunctionBodies.ModelFor(declaration.SyntaxTree, model);
        if (declarationModel.GetDeclaredSymbol(declaration) is not { } symbol)
            return false;

        foreach (var attribute in symbol.GetAttributes())
        {
            if (IsGeneratedCodeAttribute(attribute.AttributeClass))
                return true;
        }

        return false;
    }

    /// <summary>True when the compiler treats the whole of <paramref name="tree"/> as generated.</summary>
    public static bool IsGeneratedFile(SyntaxTree tree, AnalyzerOptions options)
    {
        if (options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(GeneratedCodeOption, out var value) &&
            bool.TryParse(value.Trim(), out var configured))
        {
            return configured;
        }

        return HasGeneratedFileName(tree.FilePath) || HasGeneratedHeader(tree);
    }

    private static bool HasGeneratedFileName(string path)
    {
        if (string.IsNullOrEmpty(path))
            return false;

        var name = System.IO.Path.GetFileName(path);
        if (name.StartsWith("TemporaryGeneratedFile_", StringComparison.OrdinalIgnoreCase))
            return true;

        var withoutExtension = System.IO.Path.GetFileNameWithoutExtension(name);
        return withoutExtension.EndsWith(".designer", StringComparison.OrdinalIgnoreCase) ||
            withoutExtension.EndsWith(".generated", StringComparison.OrdinalIgnoreCase) ||
            withoutExtension.EndsWith(".g", StringComparison.OrdinalIgnoreCase) ||
            withoutExtension.EndsWith(".g.i", StringComparison.OrdinalIgnoreCase);
    }

    private static bool HasGeneratedHeader(SyntaxTree tree)
    {
        foreach (var trivia in tree.GetRoot().GetLeadingTrivia())
        {
            if (!trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) && !trivia.IsKind(SyntaxKind.MultiLineCommentTrivia))
                continue;

            var text = trivia.ToString();
            if (text.IndexOf("<autogenerated", StringComparison.OrdinalIgnoreCase) >= 0 ||
                text.IndexOf("<auto-generated", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool NamesGeneratedCode(AttributeSyntax attribute)
    {
        var name = attribute.Name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => "",
        };
        return name is "GeneratedCode" or "GeneratedCodeAttribute";
    }

    // Only reached for an attribute spelled like GeneratedCode, so binding it here is rare.
    private static bool BindsGeneratedCode(AttributeSyntax attribute, SemanticModel model)
    {
        var attributeModel = FunctionBodies.ModelFor(attribute.SyntaxTree, model);
        return IsGeneratedCodeAttribute(attributeModel.GetSymbolInfo(attribute).Symbol?.ContainingType);
    }

    private static bool IsGeneratedCodeAttribute(INamedTypeSymbol? type) => type is
    {
        Name: "GeneratedCodeAttribute",
        ContainingNamespace:
        {
            Name: "Compiler",
            ContainingNamespace: { Name: "CodeDom", ContainingNamespace: { Name: "System" } system },
        },
    } && system.ContainingNamespace is { IsGlobalNamespace: true };
}
