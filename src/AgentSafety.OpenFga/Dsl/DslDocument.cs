using AgentSafety.OpenFga.Model;

namespace AgentSafety.OpenFga.Dsl;

/// <summary>What one DSL file declares, with line numbers, before it becomes a model.</summary>
internal sealed class DslDocument
{
    public string? SchemaVersion { get; set; }

    public int? SchemaLine { get; set; }

    public string? Module { get; set; }

    public List<DslTypeBuilder> Types { get; } = [];

    public List<ConditionDefinition> Conditions { get; } = [];

    public AuthorizationModel ToModel()
    {
        var types = Types.Select(t => t.Build(Module)).ToList();
        var conditions = new Dictionary<string, ConditionDefinition>(StringComparer.Ordinal);
        foreach (var condition in Conditions)
            conditions.TryAdd(condition.Name, condition);
        return new AuthorizationModel(SchemaVersion ?? "", types, conditions)
        {
            SchemaLine = SchemaLine,
            ModuleHeader = Module,
        };
    }
}

internal sealed class DslTypeBuilder(string name, int line, bool extends)
{
    public string Name { get; } = name;

    public int Line { get; } = line;

    public bool Extends { get; } = extends;

    public List<DslRelation> Relations { get; } = [];

    public TypeDefinition Build(string? module) =>
        new(Name, Relations.Select(r => new RelationDefinition(r.Name, r.Rewrite, r.DirectTypes) { Line = r.Line })
            .ToList(), module)
        {
            Line = Line,
        };
}

internal sealed record DslRelation(string Name, Userset Rewrite, IReadOnlyList<RelationReference> DirectTypes,
    int Line);
