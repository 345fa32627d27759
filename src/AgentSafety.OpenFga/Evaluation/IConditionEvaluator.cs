using AgentSafety.OpenFga.Model;

namespace AgentSafety.OpenFga.Evaluation;

/// <summary>Evaluates a model's CEL condition for one tuple.</summary>
internal interface IConditionEvaluator
{
    /// <summary>
    /// Evaluates <paramref name="condition"/> with the tuple's values over the request's values.
    /// </summary>
    /// <exception cref="FgaException">A parameter is missing or has the wrong type, or evaluation failed.</exception>
    bool Evaluate(ConditionDefinition condition, IReadOnlyDictionary<string, object?>? tupleContext,
        IReadOnlyDictionary<string, object?>? requestContext);
}
