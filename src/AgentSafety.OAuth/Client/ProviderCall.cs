using Duende.IdentityModel.Client;

namespace AgentSafety.OAuth;

/// <summary>Runs one call to the provider under its own timeout.</summary>
internal static class ProviderCall
{
    /// <summary>
    /// Calls the provider; a timeout or network failure comes back as an error response (as Duende reports
    /// exceptions), and only the caller's own cancellation is thrown.
    /// </summary>
    public static async Task<T> SendAsync<T>(
        Func<CancellationToken, Task<T>> send,
        TimeSpan timeout,
        CancellationToken cancellationToken)
        where T : ProtocolResponse, new()
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var response = await send(deadline.Token).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return response;
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            var timedOut = new TimeoutException("the provider did not answer in time", error);
            return ProtocolResponse.FromException<T>(timedOut);
        }
        catch (HttpRequestException error)
        {
            return ProtocolResponse.FromException<T>(error);
        }
    }
}
