using System;
using System.Collections.Generic;
using AgentSafety.Analyzers.ToolModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AgentSafety.Analyzers.Credentials;

/// <summary>The four credential rules, in the order of precedence at one site.</summary>
internal enum CredentialFindingKind
{
    /// <summary>AS2001: a literal of a known format, or a literal reaching a credential sink.</summary>
    HardcodedCredential,

    /// <summary>AS2002: a long-lived secret read from the environment or configuration.</summary>
    SecretFromEnvironment,

    /// <summary>AS2003: a connection string or URI literal with an embedded credential.</summary>
    EmbeddedCredential,

    /// <summary>AS2004: a password from the environment or configuration reaching a password sink.</summary>
    PasswordAuthentication,
}

/// <summary>One piece of evidence found in a method body, before it is known which tool reaches it.</summary>
internal sealed class CredentialFinding
{
    public CredentialFinding(
        CredentialFindingKind kind, Location location, string detail, string? source, string? connection,
        bool canReplaceWithToken, bool isNamedSecret = false)
    {
        IsNamedSecret = isNamedSecret;
        Kind = kind;
        Location = location;
        Detail = detail;
        Source = source;
        Connection = connection;
        CanReplaceWithToken = canReplaceWithToken;
    }

    public CredentialFindingKind Kind { get; }

    public Location Location { get; }

    /// <summary>What was found: a secret format, a sink, a variable name.</summary>
    public string Detail { get; }

    /// <summary>Where an ambient secret came from ("the environment", "configuration").</summary>
    public string? Source { get; }

    /// <summary>The connection a delegated token would come from, for the code fix.</summary>
    public string? Connection { get; }

    /// <summary>True when the reported expression is the whole credential, so an access token can replace it.</summary>
    public bool CanReplaceWithToken { get; }

    /// <summary>For an environment or configuration read: true when its name says it holds a secret.</summary>
    public bool IsNamedSecret { get; }
}

/// <summary>A method, lambda or local function, identified by where it is declared.</summary>
internal readonly struct MethodKey : System.IEquatable<MethodKey>
{
    private readonly SyntaxKey _place;

    private MethodKey(SyntaxTree tree, TextSpan span) => _place = new SyntaxKey(tree, span);

    public SyntaxTree Tree => _place.Tree;

    public TextSpan Span => _place.Span;

    /// <summary>The key of a method declared in source, or <see langword="null"/> for metadata.</summary>
    public static MethodKey? From(IMethodSymbol? method)
    {
        if (method is null)
            return null;

        method = method.OriginalDefinition;
        method = method.PartialImplementationPart ?? method;
        var references = method.DeclaringSyntaxReferences;
        return references.Length == 0 ? null : new MethodKey(references[0].SyntaxTree, references[0].Span);
    }

    public bool Equals(MethodKey other) => _place.Equals(other._place);

    public override bool Equals(object? obj) => obj is MethodKey other && Equals(other);

    public override int GetHashCode() => _place.GetHashCode();
}

/// <summary>What one method body holds: its evidence and the source methods it calls.</summary>
internal sealed class MethodFacts
{
    private static readonly List<CredentialFinding> NoFindings = new();

    private List<CredentialFinding>? _findings;

    /// <summary>The evidence found; most bodies have none, and share one empty list.</summary>
    public IReadOnlyList<CredentialFinding> Findings => _findings ?? NoFindings;

    public List<MethodKey> Callees { get; } = new();

    /// <summary>The method's name, to say which helper a reachable finding sits in.</summary>
    public string? Name { get; set; }

    public void Add(CredentialFinding finding) => (_findings ??= new List<CredentialFinding>()).Add(finding);

    public void RemoveFindings(System.Predicate<CredentialFinding> match) => _findings?.RemoveAll(match);
}
