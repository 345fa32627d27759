using System.Composition;
using AgentSafety.Analyzers.Rules;
using AgentSafety.Analyzers.ToolModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AgentSafety.Analyzers.CodeFixes.Fixes;

/// <summary>
/// AS1001 fix: adds <c>[RequiresPermission("&lt;tool name&gt;")]</c>. Offered only when the tool's name is known
/// (not for an unnamed lambda), because a made-up permission would read as a real one.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RequirePermissionFixer)), Shared]
public sealed class RequirePermissionFixer : AddToolAttributeFixer
{
    /// <summary>The equivalence key of this fix.</summary>
    public const string EquivalenceKey = "AS1001.RequirePermission";

    /// <inheritdoc/>
    protected override string Title => "Require permission";

    /// <inheritdoc/>
    protected override string Key => EquivalenceKey;

    /// <inheritdoc/>
    protected override string AttributeName => "RequiresPermission";

    /// <inheritdoc/>
    protected override string AttributeMetadataName => WellKnownNames.RequiresPermissionAttribute;

    /// <inheritdoc/>
    protected override string? GetArgument(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(ToolWithoutAuthorizationAnalyzer.ToolNameProperty, out var name) &&
        !string.IsNullOrEmpty(name)
            ? name
            : null;
}
