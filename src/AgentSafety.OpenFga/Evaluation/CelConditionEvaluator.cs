using AgentSafety.OpenFga.Model;

namespace AgentSafety.OpenFga.Evaluation;

/// <summary>Evaluates conditions. This first version has no CEL engine, so every conditional tuple fails the
/// check with an error (a denial), never a grant.</summary>
internal sealed class CelConditionEvaluator : IConditionEvaluator
{
    public bool Evaluate(ConditionDefinition condition, IReadOnlyDictionary<string, object?>? tupleContext,
        IReadOnlyDictionary<string, object?>? requestContext) =>
        throw new FgaException(FgaErrorCode.ValidationError,
            $"condition '{condition.Name}' cannot be evaluated: conditions are not supported yet");
}
