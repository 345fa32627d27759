using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgentSafety.Analyzers.ToolModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentSafety.Analyzers.CodeFixes.Fixes;

/// <summary>
/// The source declaration a diagnostic about a tool refers to, which may sit in another document than the
/// diagnostic (a factory call in one file, the method it registers in another).
/// </summary>
internal sealed class ToolDeclarationTarget
{
    private ToolDeclarationTarget(Document document, SyntaxNode declaration)
    {
        Document = document;
        Declaration = declaration;
    }

    public Document Document { get; }

    /// <summary>
    /// A method, local function, lambda or class declaration: the node an attribute can be added to.
    /// </summary>
    public SyntaxNode Declaration { get; }

    /// <summary>
    /// Finds the declaration of the tool <paramref name="diagnostic"/> is about, or <see langword="null"/> when it
    /// is not in this solution or cannot carry an attribute (an anonymous method, a lambda before C# 10).
    /// </summary>
    public static async Task<ToolDeclarationTarget?> FindAsync(
        Document document,
        Diagnostic diagnostic,
        CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
            return null;

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var symbol = DeclaredSymbol(node, diagnostic, model, cancellationToken)
            ?? ToolRecognizer.ResolveTarget(model.GetOperation(node, cancellationToken));
        if (symbol?.DeclaringSyntaxReferences.FirstOrDefault() is not { } reference)
            return null;

        var declaration = await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false);
        if (document.Project.Solution.GetDocument(reference.SyntaxTree) is not { } declaringDocument ||
            !CanCarryAttribute(declaration))
        {
            return null;
        }

        return new ToolDeclarationTarget(declaringDocument, declaration);
    }

    private static ISymbol? DeclaredSymbol(
        SyntaxNode node,
        Diagnostic diagnostic,
        SemanticModel model,
        CancellationToken cancellationToken)
    {
        var identifier = node switch
        {
            MethodDeclarationSyntax method => method.Identifier,
            LocalFunctionStatementSyntax local => local.Identifier,
            BaseTypeDeclarationSyntax type => type.Identifier,
            _ => default,
        };
        return identifier.Span == diagnostic.Location.SourceSpan
            ? model.GetDeclaredSymbol(node, cancellationToken)
            : null;
    }

    private static bool CanCarryAttribute(SyntaxNode declaration) => declaration switch
    {
        MethodDeclarationSyntax or LocalFunctionStatementSyntax or ClassDeclarationSyntax => true,
        LambdaExpressionSyntax lambda => lambda.SyntaxTree.Options is CSharpParseOptions
        {
            LanguageVersion: >= LanguageVersion.CSharp10,
        },
        _ => false,
    };
}
