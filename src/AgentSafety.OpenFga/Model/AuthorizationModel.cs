namespace AgentSafety.OpenFga.Model;

/// <summary>An OpenFGA authorization model: its types, their relations and the conditions tuples may carry.</summary>
public sealed class AuthorizationModel
{
    private readonly Dictionary<string, TypeDefinition> _typesByName;

    /// <summary>Creates a model; names are looked up ordinally.</summary>
    public AuthorizationModel(
        string schemaVersion,
        IReadOnlyList<TypeDefinition> types,
        IReadOnlyDictionary<string, ConditionDefinition>? conditions = null,
        string? id = null)
    {
        SchemaVersion = schemaVersion;
        Types = types;
        Conditions = conditions ?? new Dictionary<string, ConditionDefinition>(StringComparer.Ordinal);
        Id = id;
        _typesByName = new Dictionary<string, TypeDefinition>(StringComparer.Ordinal);
        foreach (var type in types)
            _typesByName.TryAdd(type.Name, type);
    }

    /// <summary>The schema version, <c>1.1</c> for every model this library reads.</summary>
    public string SchemaVersion { get; }

    /// <summary>The type definitions, in the order they were written.</summary>
    public IReadOnlyList<TypeDefinition> Types { get; }

    /// <summary>The conditions by name.</summary>
    public IReadOnlyDictionary<string, ConditionDefinition> Conditions { get; }

    /// <summary>The model id a server gave it, if any.</summary>
    public string? Id { get; }

    /// <summary>The zero-based DSL line of the <c>schema</c> line, when the model came from the DSL.</summary>
    internal int? SchemaLine { get; init; }

    /// <summary>The module the DSL file declared instead of a <c>model</c> header, if any.</summary>
    internal string? ModuleHeader { get; init; }

    /// <summary>Finds a type by name.</summary>
    public TypeDefinition? FindType(string name) => _typesByName.GetValueOrDefault(name);

    /// <summary>Finds a type by name without allocating a string for it.</summary>
    internal TypeDefinition? FindType(ReadOnlySpan<char> name)
    {
        // An indexed loop: foreach over the interface would box an enumerator on every request.
        for (var i = 0; i < Types.Count; i++)
        {
            if (name.SequenceEqual(Types[i].Name))
                return Types[i];
        }

        return null;
    }

    /// <summary>Finds a relation on a type; null when the type or the relation does not exist.</summary>
    public RelationDefinition? FindRelation(string typeName, string relation) =>
        FindType(typeName)?.FindRelation(relation);
}

/// <summary>One <c>type</c> block of a model.</summary>
public sealed class TypeDefinition
{
    private readonly Dictionary<string, RelationDefinition> _relationsByName;

    /// <summary>Creates a type with its relations, kept in the order given.</summary>
    public TypeDefinition(string name, IReadOnlyList<RelationDefinition> relations, string? module = null)
    {
        Name = name;
        Relations = relations;
        Module = module;
        _relationsByName = new Dictionary<string, RelationDefinition>(StringComparer.Ordinal);
        foreach (var relation in relations)
            _relationsByName.TryAdd(relation.Name, relation);
    }

    /// <summary>The type name, such as <c>document</c>.</summary>
    public string Name { get; }

    /// <summary>The relations, in the order they were written.</summary>
    public IReadOnlyList<RelationDefinition> Relations { get; }

    /// <summary>The module that declared the type, for models composed from modules.</summary>
    public string? Module { get; }

    /// <summary>Finds a relation by name.</summary>
    public RelationDefinition? FindRelation(string name) => _relationsByName.GetValueOrDefault(name);

    /// <summary>Finds a relation by name without allocating a string for it.</summary>
    internal RelationDefinition? FindRelation(ReadOnlySpan<char> name)
    {
        for (var i = 0; i < Relations.Count; i++)
        {
            if (name.SequenceEqual(Relations[i].Name))
                return Relations[i];
        }

        return null;
    }

    /// <summary>The zero-based DSL line of the <c>type</c> line, when the model came from the DSL.</summary>
    internal int? Line { get; init; }
}

/// <summary>One <c>define</c> line: a relation, its rewrite and the user types it accepts directly.</summary>
/// <param name="Name">The relation name.</param>
/// <param name="Rewrite">How its users are computed.</param>
/// <param name="DirectlyRelatedTypes">The types a tuple may name as its user, when the rewrite has a direct
/// assignment; empty otherwise.</param>
public sealed record RelationDefinition(
    string Name,
    Userset Rewrite,
    IReadOnlyList<RelationReference> DirectlyRelatedTypes)
{
    /// <summary>The zero-based DSL line of the <c>define</c> line, when the model came from the DSL.</summary>
    internal int? Line { get; init; }

    /// <inheritdoc/>
    public bool Equals(RelationDefinition? other) =>
        other is not null && Name == other.Name && Rewrite.Equals(other.Rewrite)
        && DirectlyRelatedTypes.SequenceEqual(other.DirectlyRelatedTypes);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Rewrite);
}

/// <summary>One entry of a type restriction: <c>user</c>, <c>user:*</c>, <c>group#member</c>, each optionally
/// <c>with</c> a condition.</summary>
/// <param name="Type">The user type.</param>
/// <param name="Relation">For a userset restriction, its relation.</param>
/// <param name="Wildcard">Whether this is the public wildcard <c>type:*</c>.</param>
/// <param name="Condition">The condition a tuple of this shape must carry, if any.</param>
public sealed record RelationReference(string Type, string? Relation = null, bool Wildcard = false,
    string? Condition = null)
{
    /// <summary>The DSL rendering, such as <c>group#member with in_office</c>.</summary>
    public override string ToString()
    {
        var text = Wildcard ? Type + ":*" : Relation is null ? Type : Type + "#" + Relation;
        return Condition is null ? text : text + " with " + Condition;
    }
}

/// <summary>A named CEL condition with its typed parameters.</summary>
/// <param name="Name">The condition name.</param>
/// <param name="Expression">The CEL expression text.</param>
/// <param name="Parameters">The parameters, in the order written.</param>
public sealed record ConditionDefinition(string Name, string Expression, IReadOnlyList<ConditionParameter> Parameters)
{
    /// <summary>The zero-based DSL line of the <c>condition</c> line, when the model came from the DSL.</summary>
    internal int? Line { get; init; }

    /// <inheritdoc/>
    public bool Equals(ConditionDefinition? other) =>
        other is not null && Name == other.Name && Expression == other.Expression
        && Parameters.SequenceEqual(other.Parameters);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Expression);
}

/// <summary>A condition parameter: <c>x: int</c>, <c>ids: list&lt;string&gt;</c>.</summary>
/// <param name="Name">The parameter name.</param>
/// <param name="Type">The type name as written in the DSL (<c>int</c>, <c>map</c>, <c>list</c>, ...).</param>
/// <param name="GenericType">For <c>list</c> and <c>map</c>, the element type.</param>
public sealed record ConditionParameter(string Name, string Type, string? GenericType = null)
{
    /// <summary>The DSL rendering, such as <c>list&lt;string&gt;</c>.</summary>
    public string TypeText => GenericType is null ? Type : $"{Type}<{GenericType}>";
}
