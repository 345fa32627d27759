using AgentSafety.OpenFga;
using AgentSafety.OpenFga.Dsl;
using AgentSafety.OpenFga.Model;
using AgentSafety.OpenFga.Tuples;

namespace AgentSafety;

/// <summary>Registers OpenFGA relationship checkers with the guard.</summary>
public static class OpenFgaAgentSafetyBuilderExtensions
{
    /// <summary>
    /// Answers relationship checks in process from an OpenFGA DSL model file and a YAML tuple file. The files are
    /// read now, so a bad file fails at start-up rather than on the first tool call.
    /// </summary>
    /// <exception cref="FgaModelSyntaxException">The model is not well-formed.</exception>
    /// <exception cref="FgaException">The model is invalid or a tuple does not fit it.</exception>
    public static AgentSafetyBuilder AddEmbeddedFga(this AgentSafetyBuilder builder, string modelPath,
        string tuplesPath)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var model = ModelFile.Load(modelPath);
        var tuples = TupleFile.Load(tuplesPath);
        return builder.AddEmbeddedFga(model, tuples);
    }

    /// <summary>Answers relationship checks in process from an already loaded model and tuples.</summary>
    /// <exception cref="FgaException">A tuple does not fit the model.</exception>
    public static AgentSafetyBuilder AddEmbeddedFga(this AgentSafetyBuilder builder, AuthorizationModel model,
        IEnumerable<RelationshipTuple> tuples, EmbeddedFgaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseRelationshipChecker(new EmbeddedFgaEvaluator(model, tuples, options));
    }
}
