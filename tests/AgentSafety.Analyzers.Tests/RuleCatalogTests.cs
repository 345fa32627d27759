using System.Reflection;
using System.Text.RegularExpressions;
using AgentSafety.Analyzers.Diagnostics;
using AgentSafety.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentSafety.Analyzers.Tests;

/// <summary>
/// Keeps the shipped descriptors, rules.md, release tracking and the severity presets in step: a rule added or
/// renamed in one place and not the others fails here.
/// </summary>
public sealed partial class RuleCatalogTests
{
    private static readonly string[] SectionHeadings =
    [
        "### Cause", "### Why it matters", "### How to fix", "### Violating example", "### Compliant example",
        "### Configuration",
    ];

    private static readonly string[] Categories =
    [
        RuleCategories.Authorization, RuleCategories.Credentials, RuleCategories.Approval, RuleCategories.Usage,
    ];

    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in ShippedDescriptors())
            data.Add(descriptor.Id);

        return data;
    }

    [Fact]
    public void ShippedDescriptors_AreFoundAndUnique()
    {
        var ids = ShippedDescriptors().Select(descriptor => descriptor.Id).ToList();

        Assert.Contains(RuleIdentifiers.ToolWithoutAuthorization, ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Descriptor_HasItsOwnHelpLinkCategoryAndDescription(string id)
    {
        var descriptor = Descriptor(id);

        Assert.Equal($"https://github.com/agentsafety/agentsafety/blob/main/rules.md#{id.ToLowerInvariant()}",
            descriptor.HelpLinkUri);
        Assert.Contains(descriptor.Category, Categories);
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()));
        Assert.Matches("^AS[1-4][0-9]{3}$", id);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void RulesDocument_HasSectionWithTitleAndFixedSubsections(string id)
    {
        var sections = RuleSections();

        Assert.True(sections.TryGetValue(id, out var section), $"rules.md has no '## {id}' section");
        var lines = section.Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        Assert.Equal(Descriptor(id).Title.ToString(), lines.First(line => line.Length > 0));
        var headings = lines.Where(line => line.StartsWith("### ", StringComparison.Ordinal)).ToList();
        Assert.Equal(SectionHeadings, headings);
        Assert.Equal(2, lines.Count(line => line.StartsWith("```csharp", StringComparison.Ordinal)));
    }

    [Fact]
    public void RulesDocument_HasNoSectionWithoutShippedDescriptor()
    {
        var shipped = ShippedDescriptors().Select(descriptor => descriptor.Id).ToHashSet();

        var undocumented = RuleSections().Keys.Where(id => !shipped.Contains(id)).ToList();

        Assert.True(
            undocumented.Count == 0,
            "rules.md sections without a descriptor: " + string.Join(", ", undocumented));
    }

    [Fact]
    public void ReleaseTracking_ListsEveryRuleWithItsCategoryAndSeverity()
    {
        var tracked = TrackedRules();

        var expected = ShippedDescriptors()
            .Select(d => $"{d.Id}|{d.Category}|{d.DefaultSeverity}")
            .OrderBy(row => row, StringComparer.Ordinal);
        Assert.Equal(expected, tracked.OrderBy(row => row, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("strict.globalconfig", "error")]
    [InlineData("advisory.globalconfig", "suggestion")]
    public void SeverityPreset_SetsEveryRule(string fileName, string severity)
    {
        var text = File.ReadAllText(RepositoryPaths.Combine("src", "AgentSafety.Analyzers", "configuration", fileName));

        foreach (var descriptor in ShippedDescriptors())
            Assert.Contains($"dotnet_diagnostic.{descriptor.Id}.severity = {severity}", text);
    }

    [Fact]
    public void RuleIdentifiers_AreAllUsedByDescriptors()
    {
        var shipped = ShippedDescriptors().Select(descriptor => descriptor.Id).ToHashSet();
        var constants = typeof(RuleIdentifiers)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(field => (string)field.GetRawConstantValue()!);

        Assert.All(constants, id => Assert.Contains(id, shipped));
    }

    private static DiagnosticDescriptor Descriptor(string id) => ShippedDescriptors().Single(d => d.Id == id);

    private static IReadOnlyList<DiagnosticDescriptor> ShippedDescriptors() =>
        typeof(ToolWithoutAuthorizationAnalyzer).Assembly
            .GetTypes()
            .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type))
            .Where(type => type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .SelectMany(type => ((DiagnosticAnalyzer)Activator.CreateInstance(type)!).SupportedDiagnostics)
            .DistinctBy(descriptor => descriptor.Id)
            .OrderBy(descriptor => descriptor.Id, StringComparer.Ordinal)
            .ToList();

    private static Dictionary<string, string> RuleSections()
    {
        var text = File.ReadAllText(RepositoryPaths.Combine("rules.md")).Replace("\r\n", "\n");
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        var matches = SectionHeading().Matches(text);
        for (var index = 0; index < matches.Count; index++)
        {
            var start = matches[index].Index + matches[index].Length;
            var end = index + 1 < matches.Count ? matches[index + 1].Index : text.Length;
            sections.Add(matches[index].Groups["id"].Value, text[start..end]);
        }

        return sections;
    }

    private static List<string> TrackedRules()
    {
        var rows = new List<string>();
        foreach (var file in new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" })
        {
            var lines = File.ReadAllLines(RepositoryPaths.Combine("src", "AgentSafety.Analyzers", file));
            foreach (var line in lines.Where(line => line.StartsWith("AS", StringComparison.Ordinal)))
            {
                var cells = line.Split('|').Select(cell => cell.Trim()).ToArray();
                rows.Add($"{cells[0]}|{cells[1]}|{cells[2]}");
            }
        }

        return rows;
    }

    [GeneratedRegex(@"^## (?<id>AS[0-9]{4})[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex SectionHeading();
}
