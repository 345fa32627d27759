namespace AgentSafety;

/// <summary>
/// Waits for what an asynchronous tool method returns, on behalf of the guarded functions the AgentSafety generator
/// writes. Awaiting here, once, spares every generated function a state machine of its own, which the compiler would
/// otherwise build for each tool in the project.
/// </summary>
public static class ToolResults
{
    /// <summary>Waits for a tool that returns no value; the result the model sees is <see langword="null"/>.</summary>
    /// <param name="pending">What the tool method returned.</param>
    public static async ValueTask<object?> AwaitAsync(Task pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        await pending.ConfigureAwait(false);
        return null;
    }

    /// <summary>Waits for a tool's value.</summary>
    /// <param name="pending">What the tool method returned.</param>
    /// <typeparam name="T">The tool's result type.</typeparam>
    public static async ValueTask<object?> AwaitAsync<T>(Task<T> pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        return await pending.ConfigureAwait(false);
    }

    /// <summary>Waits for a tool that returns no value; the result the model sees is <see langword="null"/>.</summary>
    /// <param name="pending">What the tool method returned.</param>
    public static async ValueTask<object?> AwaitAsync(ValueTask pending)
    {
        await pending.ConfigureAwait(false);
        return null;
    }

    /// <summary>Waits for a tool's value.</summary>
    /// <param name="pending">What the tool method returned.</param>
    /// <typeparam name="T">The tool's result type.</typeparam>
    public static async ValueTask<object?> AwaitAsync<T>(ValueTask<T> pending) =>
        await pending.ConfigureAwait(false);
}
