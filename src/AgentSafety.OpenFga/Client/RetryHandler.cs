using System.Net;
using Microsoft.Extensions.Logging;

namespace AgentSafety.OpenFga.Client;

/// <summary>
/// Sends a request again when the server answers 429 or 5xx (but not 501), waiting as long as its
/// <c>Retry-After</c> asks (capped by <see cref="OpenFgaClientOptions.MaxRetryDelay"/>) or else an exponential
/// back-off with jitter.
/// </summary>
internal sealed class RetryHandler(OpenFgaClientOptions options, ILogger logger, TimeProvider time)
    : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
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

        var backoff = options.MinRetryDelay.TotalMilliseconds * Math.Pow(2, attempt);
        var jittered = backoff * (0.5 + Random.Shared.NextDouble() / 2);
        return TimeSpan.FromMilliseconds(Math.Min(jittered, options.MaxRetryDelay.TotalMilliseconds));
    }
}
