using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AgentSafety;

/// <summary>
/// An <see cref="AIFunction"/> that passes every call through a <see cref="ToolGuard"/> before it runs the tool.
/// The source generator derives one per annotated method; its name, description and schema are fixed at compile
/// time.
/// </summary>
public abstract class GuardedAIFunction : AIFunction
{
    /// <summary>Creates the function around a guard.</summary>
    protected GuardedAIFunction(ToolGuard guard) => Guard = guard ?? throw new ArgumentNullException(nameof(guard));

    /// <summary>The guard every call passes.</summary>
    protected ToolGuard Guard { get; }

    /// <summary>What the tool demands before it runs.</summary>
    public abstract ToolRequirements Requirements { get; }

    /// <inheritdoc/>
    public override JsonSerializerOptions JsonSerializerOptions => AIJsonUtilities.DefaultOptions;

    /// <summary>Binds the model's arguments, runs the guard and, when it allows, the tool.</summary>
    protected sealed override async ValueTask<object?> InvokeCoreAsync(
        AIFunctionArguments arguments,
        CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, object?> bound;
        try
        {
            bound = BindArguments(arguments);
        }
        catch (ToolArgumentException exception)
        {
            return new ToolDenial(Name, exception.Message);
        }

        var invocation = new ToolInvocation(Requirements, arguments, bound);
        var decision = await Guard.AuthorizeAsync(invocation, cancellationToken).ConfigureAwait(false);
        if (!decision.IsAllowed)
            return new ToolDenial(Name, decision.DenialReason ?? "denied");

        return await InvokeAuthorizedAsync(bound, decision, arguments, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Converts the model's arguments to the tool's parameter types. Only parameters the model fills appear in
    /// the result; the principal, tokens and cancellation come from the guard and the host.
    /// </summary>
    /// <exception cref="ToolArgumentException">An argument is missing or has the wrong shape.</exception>
    protected abstract IReadOnlyDictionary<string, object?> BindArguments(AIFunctionArguments arguments);

    /// <summary>Runs the tool with arguments the guard has allowed.</summary>
    protected abstract ValueTask<object?> InvokeAuthorizedAsync(
        IReadOnlyDictionary<string, object?> arguments,
        GuardDecision decision,
        AIFunctionArguments call,
        CancellationToken cancellationToken);
}
