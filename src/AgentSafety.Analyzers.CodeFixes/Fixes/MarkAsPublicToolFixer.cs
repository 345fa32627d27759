using System.Composition;
using AgentSafety.Analyzers.Rules;
using AgentSafety.Analyzers.ToolModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AgentSafety.Analyzers.CodeFixes.Fixes;

/// <summary>
/// AS1001 fix: adds <c>[PublicTool("...")]</c> with a placeholder justification, which AS1008 keeps reporting
/// until the author writes the real reason any caller may use the tool.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MarkAsPublicToolFixer)), Shared]
public sealed class MarkAsPublicToolFixer : AddToolAttributeFixer
{
    /// <summary>The equivalence key of this fix.</summary>
    public const string EquivalenceKey = "AS1001.MarkAsPublicTool";

    /// <summary>The justification the fix writes, to be replaced by the real reason.</summary>
    public const string JustificationPlaceholder = PublicToolWithoutJustificationAnalyzer.JustificationPlaceholder;

    /// <inheritdoc/>
    protected override string Title => "Mark as public tool";

    /// <inheritdoc/>
    protected override string Key => EquivalenceKey;

    /// <inheritdoc/>
    protected override string AttributeName => "PublicTool";

    /// <inheritdoc/>
    protected override string AttributeMetadataName => WellKnownNames.PublicToolAttribute;

    /// <inheritdoc/>
    protected override string? GetArgument(Diagnostic diagnostic) => JustificationPlaceholder;
}
