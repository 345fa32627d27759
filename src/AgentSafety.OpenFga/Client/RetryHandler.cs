using System.Net;
using Microsoft.Extensions.Logging;

namespace AgentSafety.OpenFga.Client;

/// <summary>
/// Sends a request again when the connection fails or the server answers 429 or 5xx (but not 501), waiting as
/// long as its <c>Retry-After</c> asks (capped by <see cref="OpenFgaClientOptions.MaxRetryDelay"/>) or else an
/// exponential back-off with jitter.
/// </summary>
internal sealed class RetryHandler(OpenFgaClientOptions options, ILogger logger, TimeProvider time)
    : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex) when (attempt < options.MaxRetries)
            {
                // A refused or dropped connection (an instance restarting behind the load balancer) is worth
                // another try, like a 503.
                var wait = Backoff(attempt);
                Log.ConnectionRetrying(logger, request.Method.Method, request.RequestUri?.AbsolutePath ?? "",
                    ex.HttpRequestError.ToString(), attempt + 1, options.MaxRetries, (long)wait.TotalMilliseconds);
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (!IsTransient(response.StatusCode) || attempt >= options.MaxRetries)
                return response;

            var delay = DelayFor(response, attempt);
            Log.Retrying(logger, request.Method.Method, request.RequestUri?.AbsolutePath ?? "", response.StatusCode,
                attempt + 1, options.MaxRetries, (long)delay.TotalMilliseconds);
            response.Dispose();
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status == HttpStatusCode.TooManyRequests || ((int)status >= 500 && status != HttpStatusCode.NotImplemented);

    internal TimeSpan DelayFor(HttpResponseMessage response, int attempt)
    {
        var retryAfter = response.Headers.RetryAfter;
        TimeSpan? asked = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - time.GetUtcNow() : null);
        if (asked is { } wait)
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > options.MaxRetryDelay ? options.MaxRetryDelay : wait;

        return Backoff(attempt);
    }

    private TimeSpan Backoff(int attempt)
    {
        var backoff = options.MinRetryDelay.TotalMilliseconds * Math.Pow(2, attempt);
        var jittered = backoff * (0.5 + Random.Shared.NextDouble() / 2);
        return TimeSpan.FromMilliseconds(Math.Min(jittered, options.MaxRetryDelay.TotalMilliseconds));
    }
}
