using System.Net;

namespace AgentSafety.OpenFga.Client;

/// <summary>An OpenFGA server answered with an error. Subclasses say which kind; <see cref="FgaException.Code"/>
/// carries OpenFGA's own error code and <see cref="ApiErrorCode"/> its text as sent.</summary>
public class FgaApiException : FgaException
{
    /// <summary>Creates the error.</summary>
    public FgaApiException(HttpStatusCode statusCode, string? apiErrorCode, string message,
        Exception? innerException = null)
        : base(FgaErrorCodes.Parse(apiErrorCode), message, innerException)
    {
        StatusCode = statusCode;
        ApiErrorCode = apiErrorCode;
    }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The <c>code</c> field of the error body, such as <c>validation_error</c>.</summary>
    public string? ApiErrorCode { get; }

    internal static FgaApiException Create(HttpStatusCode status, string? code, string message) => (int)status switch
    {
        400 or 422 => new FgaValidationException(status, code, message),
        401 or 403 => new FgaAuthenticationException(status, code, message),
        404 => new FgaNotFoundException(status, code, message),
        429 => new FgaRateLimitExceededException(status, code, message),
        >= 500 => new FgaServerException(status, code, message),
        _ => new FgaApiException(status, code, message),
    };
}

/// <summary>The server rejected the request as invalid (HTTP 400 or 422).</summary>
public sealed class FgaValidationException(HttpStatusCode statusCode, string? apiErrorCode, string message)
    : FgaApiException(statusCode, apiErrorCode, message);

/// <summary>The server did not accept the credentials (HTTP 401 or 403).</summary>
public sealed class FgaAuthenticationException(HttpStatusCode statusCode, string? apiErrorCode, string message)
    : FgaApiException(statusCode, apiErrorCode, message);

/// <summary>The store, model or endpoint does not exist (HTTP 404).</summary>
public sealed class FgaNotFoundException(HttpStatusCode statusCode, string? apiErrorCode, string message)
    : FgaApiException(statusCode, apiErrorCode, message);

/// <summary>The server kept refusing for load after every retry (HTTP 429).</summary>
public sealed class FgaRateLimitExceededException(HttpStatusCode statusCode, string? apiErrorCode, string message)
    : FgaApiException(statusCode, apiErrorCode, message);

/// <summary>The server failed after every retry (HTTP 5xx).</summary>
public sealed class FgaServerException(HttpStatusCode statusCode, string? apiErrorCode, string message)
    : FgaApiException(statusCode, apiErrorCode, message);
