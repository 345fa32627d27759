namespace AgentSafety.OpenFga.Dsl;

/// <summary>The model is well-formed but breaks one of OpenFGA's rules.</summary>
public sealed class FgaModelValidationException : FgaException
{
    /// <summary>Creates the error from the problems found.</summary>
    public FgaModelValidationException(IReadOnlyList<ModelProblem> problems)
        : base(FgaErrorCode.InvalidAuthorizationModel,
            "the authorization model is invalid: " + string.Join("; ", problems.Select(p => p.Message)))
        => Problems = problems;

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ModelProblem> Problems { get; }
}

/// <summary>One rule a model breaks.</summary>
/// <param name="Kind">OpenFGA's name for the kind of error (<c>missing-definition</c>, ...).</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Symbol">The name the problem is about.</param>
/// <param name="Line">The zero-based DSL line, when known.</param>
public sealed record ModelProblem(string Kind, string Message, string Symbol, int? Line = null);
