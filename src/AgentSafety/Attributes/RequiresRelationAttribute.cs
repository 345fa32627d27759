namespace AgentSafety;

/// <summary>
/// Declares a relationship (OpenFGA, Zanzibar style) the signed-in user must have with the object a tool argument
/// names: <c>user:&lt;subject&gt; &lt;relation&gt; &lt;objectType&gt;:&lt;argument&gt;</c>.
/// </summary>
/// <example>
/// <c>[RequiresRelation("can_buy", "asset", nameof(ticker))]</c> lets the call through only when
/// <c>user:anne can_buy asset:OKTA</c> holds for the ticker the model passed.
/// </example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class RequiresRelationAttribute : Attribute
{
    /// <summary>Creates the requirement.</summary>
    /// <param name="relation">The relation to check, such as <c>can_buy</c>.</param>
    /// <param name="objectType">The object type, such as <c>asset</c>.</param>
    /// <param name="parameterName">The tool parameter whose value is the object id.</param>
    public RequiresRelationAttribute(string relation, string objectType, string parameterName)
    {
        Relation = relation;
        ObjectType = objectType;
        ParameterName = parameterName;
    }

    /// <summary>The relation to check.</summary>
    public string Relation { get; }

    /// <summary>The object type the argument's value belongs to.</summary>
    public string ObjectType { get; }

    /// <summary>The name of the parameter whose value is the object id.</summary>
    public string ParameterName { get; }
}
