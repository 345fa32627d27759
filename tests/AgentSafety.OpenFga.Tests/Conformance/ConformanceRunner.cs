using AgentSafety.OpenFga.Dsl;
using AgentSafety.OpenFga.Model;
using AgentSafety.OpenFga.Tuples;

namespace AgentSafety.OpenFga.Tests.Conformance;

/// <summary>The outcome of one assertion in one mode.</summary>
internal sealed record CaseResult(string Id, string Kind, bool Passed, string? Reason);

/// <summary>What the assertions run against: the evaluator itself, or the HTTP client in front of a server.
/// </summary>
internal interface IConformanceTarget
{
    bool Check(FgaCheckRequest request);

    IReadOnlyList<string> ListObjects(FgaListObjectsRequest request);
}

/// <summary>Makes a target for one stage: its model text and parsed model, and the stored tuples.</summary>
internal delegate IConformanceTarget TargetFactory(string modelDsl, AuthorizationModel model,
    IReadOnlyList<RelationshipTuple> storedTuples);

internal sealed class EvaluatorTarget(EmbeddedFgaEvaluator evaluator) : IConformanceTarget
{
    public static TargetFactory Factory { get; } = (_, model, tuples) => new EvaluatorTarget(
        new EmbeddedFgaEvaluator(model, tuples, new EmbeddedFgaOptions { IgnoreInvalidTuples = true }));

    public bool Check(FgaCheckRequest request) => evaluator.Check(request);

    public IReadOnlyList<string> ListObjects(FgaListObjectsRequest request) => evaluator.ListObjects(request);
}

/// <summary>
/// Runs OpenFGA's check and list-objects assertions against the embedded evaluator in OpenFGA's two modes: tuples
/// stored, and (for single-stage tests) the same tuples sent as contextual tuples.
/// </summary>
internal static class ConformanceRunner
{
    public static List<CaseResult> Run(IReadOnlyList<ConformanceTest> tests, TargetFactory? factory = null)
    {
        factory ??= EvaluatorTarget.Factory;
        var results = new List<CaseResult>();
        foreach (var test in tests)
        {
            RunMode(test, contextual: false, results, factory);
            if (test.Stages.Count == 1)
                RunMode(test, contextual: true, results, factory);
        }

        return results;
    }

    private static void RunMode(ConformanceTest test, bool contextual, List<CaseResult> results,
        TargetFactory factory)
    {
        var mode = contextual ? "contextual" : "stored";
        var stored = new List<RelationshipTuple>();
        for (var s = 0; s < test.Stages.Count; s++)
        {
            var stage = test.Stages[s];
            var prefix = $"{test.Index:000}-{test.Name}/stage{s}";
            AuthorizationModel? model = null;
            string? setupError = null;
            try
            {
                model = DslParser.Parse(stage.Model);
            }
            catch (Exception ex) when (ex is FgaException or FormatException)
            {
                setupError = "the model did not load: " + ex.Message;
            }

            if (!contextual)
                stored.AddRange(stage.Tuples);
            IConformanceTarget? evaluator = null;
            if (model is not null)
            {
                try
                {
                    evaluator = factory(stage.Model, model, contextual ? [] : stored.ToList());
                }
                catch (FgaException ex)
                {
                    setupError = "the tuples did not load: " + ex.Message;
                }
            }

            var extra = contextual ? stage.Tuples : [];
            for (var i = 0; i < stage.Checks.Count; i++)
            {
                var id = $"{prefix}/check{i}/{mode}";
                results.Add(setupError is not null || evaluator is null
                    ? new CaseResult(id, "check", false, setupError)
                    : RunCheck(id, evaluator, stage.Checks[i], extra));
            }

            for (var i = 0; i < stage.ListObjects.Count; i++)
            {
                var id = $"{prefix}/listObjects{i}/{mode}";
                results.Add(setupError is not null || evaluator is null
                    ? new CaseResult(id, "listObjects", false, setupError)
                    : RunListObjects(id, evaluator, stage.ListObjects[i], extra));
            }
        }
    }

    private static CaseResult RunCheck(string id, IConformanceTarget evaluator, CheckAssertion assertion,
        IReadOnlyList<RelationshipTuple> stageTuples)
    {
        var tuple = assertion.Tuple;
        var request = new FgaCheckRequest(tuple.User, tuple.Relation, tuple.Object,
            [.. stageTuples, .. assertion.ContextualTuples], assertion.Context);
        string actual;
        try
        {
            actual = evaluator.Check(request) ? "allowed" : "denied";
        }
        catch (FgaException ex)
        {
            actual = $"error {(int)ex.Code} ({ex.Message})";
        }
        catch (Exception ex)
        {
            actual = $"crash {ex.GetType().Name}: {ex.Message}";
        }

        var expected = assertion.ErrorCode is { } code ? $"error {code}" : assertion.Expectation == true
            ? "allowed"
            : "denied";
        var passed = assertion.ErrorCode is not null
            ? actual.StartsWith(expected + " ", StringComparison.Ordinal)
            : actual == expected;
        return new CaseResult(id, "check", passed, passed ? null : $"{tuple}: expected {expected}, got {actual}");
    }

    private static CaseResult RunListObjects(string id, IConformanceTarget evaluator,
        ListObjectsAssertion assertion, IReadOnlyList<RelationshipTuple> stageTuples)
    {
        var request = new FgaListObjectsRequest(assertion.User, assertion.Relation, assertion.Type,
            [.. stageTuples, .. assertion.ContextualTuples], assertion.Context);
        string actual;
        try
        {
            actual = string.Join(",", evaluator.ListObjects(request).Order(StringComparer.Ordinal));
        }
        catch (FgaException ex)
        {
            actual = $"error {(int)ex.Code} ({ex.Message})";
        }
        catch (Exception ex)
        {
            actual = $"crash {ex.GetType().Name}: {ex.Message}";
        }

        var expected = assertion.ErrorCode is { } code
            ? $"error {code}"
            : string.Join(",", assertion.Expectation.Order(StringComparer.Ordinal));
        var passed = assertion.ErrorCode is not null
            ? actual.StartsWith(expected + " ", StringComparison.Ordinal)
            : actual == expected;
        var what = $"{assertion.User} {assertion.Relation} {assertion.Type}:?";
        return new CaseResult(id, "listObjects", passed,
            passed ? null : $"{what}: expected [{expected}], got [{actual}]");
    }
}
