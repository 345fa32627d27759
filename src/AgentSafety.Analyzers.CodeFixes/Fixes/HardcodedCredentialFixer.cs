using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AgentSafety.Analyzers.Credentials;
using AgentSafety.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentSafety.Analyzers.CodeFixes.Fixes;

/// <summary>
/// AS2001: replaces a hard-coded credential in a tool method by <c>token.Value</c> of a new
/// <c>[DelegatedToken("connection")] AccessToken</c> parameter, which the guard fills for the signed-in user.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HardcodedCredentialFixer)), Shared]
public sealed class HardcodedCredentialFixer : CodeFixProvider
{
    /// <summary>Equivalence key of the "Use a delegated access token" fix.</summary>
    public const string Key_UseDelegatedToken = "AgentSafety.UseDelegatedToken";

    private const string AccessTokenType = "AccessToken";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds =>
        ImmutableArray.Create(RuleIdentifiers.HardcodedCredential);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(
        static async (context, document, diagnostics) =>
            await ApplyAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is null || FindTarget(root, diagnostic) is null)
                continue;

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Use a delegated access token",
                    token => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), token),
                    Key_UseDelegatedToken),
                diagnostic);
        }
    }

    private static async Task<Document> ApplyAsync(
        Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
            return document;

        var byMethod = new Dictionary<MethodDeclarationSyntax, List<(ExpressionSyntax, string)>>();
        foreach (var diagnostic in diagnostics)
        {
            if (FindTarget(root, diagnostic) is not { } target)
                continue;

            if (!byMethod.TryGetValue(target.Method, out var list))
                byMethod[target.Method] = list = new();

            list.Add((target.Expression, target.Connection));
        }

        if (byMethod.Count == 0)
            return document;

        root = root.ReplaceNodes(byMethod.Keys, (original, _) => Rewrite(original, byMethod[original]));
        return document.WithSyntaxRoot(UsingDirectives.Ensure(root, "AgentSafety", UsingDirectives.EndOfLine(root)));
    }

    private static MethodDeclarationSyntax Rewrite(
        MethodDeclarationSyntax method, List<(ExpressionSyntax Expression, string Connection)> credentials)
    {
        var parameters = new Dictionary<string, string>();
        foreach (var (_, connection) in credentials)
        {
            if (!parameters.ContainsKey(connection))
                parameters[connection] =
                    ExistingTokenParameter(method, connection) ?? ParameterName(method, connection);
        }

        var replacements = credentials.ToDictionary(static c => c.Expression, c => parameters[c.Connection]);
        var rewritten = method.ReplaceNodes(replacements.Keys, (original, _) =>
            SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    SyntaxFactory.IdentifierName(replacements[original]),
                    SyntaxFactory.IdentifierName("Value"))
                .WithTriviaFrom(original));

        var list = rewritten.ParameterList;
        foreach (var pair in parameters.OrderBy(static p => p.Key, System.StringComparer.Ordinal))
        {
            if (ExistingTokenParameter(method, pair.Key) is not null)
                continue;

            var parameter = SyntaxFactory.Parameter(SyntaxFactory.Identifier(pair.Value))
                .WithType(SyntaxFactory.IdentifierName(AccessTokenType).WithTrailingTrivia(SyntaxFactory.Space))
                .WithAttributeLists(SyntaxFactory.SingletonList(DelegatedTokenAttribute(pair.Key)));
            list = InsertBeforeCancellationToken(list, parameter);
        }

        return rewritten.WithParameterList(list);
    }

    private static AttributeListSyntax DelegatedTokenAttribute(string connection)
    {
        var argument = SyntaxFactory.AttributeArgument(SyntaxFactory.LiteralExpression(
            SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(connection)));
        var attribute = SyntaxFactory.Attribute(
            SyntaxFactory.IdentifierName("DelegatedToken"),
            SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(argument)));
        return SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute))
            .WithTrailingTrivia(SyntaxFactory.Space);
    }

    private static ParameterListSyntax InsertBeforeCancellationToken(
        ParameterListSyntax list, ParameterSyntax parameter)
    {
        var items = list.Parameters.ToList();
        var index = items.Count;
        if (index > 0 &&
            items[index - 1].Type?.ToString() is "CancellationToken" or "System.Threading.CancellationToken")
            index--;

        if (index > 0)
            parameter = parameter.WithLeadingTrivia(SyntaxFactory.Space);
        else if (items.Count > 0)
            items[0] = items[0].WithLeadingTrivia(SyntaxFactory.Space);

        items.Insert(index, parameter);
        var commas = Enumerable.Repeat(SyntaxFactory.Token(SyntaxKind.CommaToken), items.Count - 1);
        return list.WithParameters(SyntaxFactory.SeparatedList(items, commas));
    }

    // A [DelegatedToken("connection")] AccessToken parameter the method already has.
    private static string? ExistingTokenParameter(MethodDeclarationSyntax method, string connection)
    {
        foreach (var parameter in method.ParameterList.Parameters)
        {
            var isToken = parameter.Type?.ToString() is AccessTokenType or "AgentSafety.AccessToken";
            var names = parameter.AttributeLists.SelectMany(static l => l.Attributes)
                .Where(static a => a.Name.ToString() is "DelegatedToken" or "DelegatedTokenAttribute")
                .Select(static a => a.ArgumentList?.Arguments.FirstOrDefault()?.Expression)
                .OfType<LiteralExpressionSyntax>()
                .Select(static l => l.Token.ValueText);
            if (isToken && names.Contains(connection))
                return parameter.Identifier.ValueText;
        }

        return null;
    }

    private static string ParameterName(MethodDeclarationSyntax method, string connection)
    {
        var name = new StringBuilder();
        var upper = false;
        foreach (var character in connection)
        {
            if (!char.IsLetterOrDigit(character))
            {
                upper = name.Length > 0;
                continue;
            }

            var next = upper ? char.ToUpperInvariant(character)
                : name.Length == 0 ? char.ToLowerInvariant(character)
                : character;
            name.Append(next);
            upper = false;
        }

        var baseName = (name.Length == 0 || char.IsDigit(name[0]) ? "api" : name.ToString()) + "Token";
        var candidate = baseName;
        var taken = method.ParameterList.Parameters.Select(static p => p.Identifier.ValueText).ToImmutableHashSet();
        for (var suffix = 2; taken.Contains(candidate); suffix++)
            candidate = baseName + suffix;

        return candidate;
    }

    private static (MethodDeclarationSyntax Method, ExpressionSyntax Expression, string Connection)? FindTarget(
        SyntaxNode root, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.ContainsKey(CredentialAnalysis.ReplaceableProperty) ||
            !diagnostic.Properties.TryGetValue(CredentialAnalysis.ConnectionProperty, out var connection) ||
            connection is null || diagnostic.Location.SourceTree != root.SyntaxTree)
        {
            return null;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (node is not ExpressionSyntax expression ||
            expression.Span != diagnostic.Location.SourceSpan ||
            expression.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method ||
            expression.Ancestors().Any(static a =>
                a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
        {
            return null;
        }

        return (method, expression, connection);
    }
}
