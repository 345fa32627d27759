namespace AgentSafety.OpenFga;

/// <summary>
/// OpenFGA's error codes, with the numbers its API and test data use. The names match the <c>code</c> strings of
/// OpenFGA's JSON error bodies (<c>validation_error</c>, ...), so they convert with <see cref="FgaErrorCodes"/>.
/// </summary>
public enum FgaErrorCode
{
    /// <summary>An error we could not map to one of OpenFGA's codes.</summary>
    Unknown = 0,
    /// <summary><c>validation_error</c>: the request is malformed or names things the model lacks.</summary>
    ValidationError = 2000,
    /// <summary><c>authorization_model_not_found</c>.</summary>
    AuthorizationModelNotFound = 2001,
    /// <summary><c>authorization_model_resolution_too_complex</c>: the depth limit was reached.</summary>
    AuthorizationModelResolutionTooComplex = 2002,
    /// <summary><c>invalid_write_input</c>.</summary>
    InvalidWriteInput = 2003,
    /// <summary><c>cannot_allow_duplicate_tuples_in_one_request</c>.</summary>
    CannotAllowDuplicateTuplesInOneRequest = 2004,
    /// <summary><c>invalid_continuation_token</c>.</summary>
    InvalidContinuationToken = 2007,
    /// <summary><c>latest_authorization_model_not_found</c>.</summary>
    LatestAuthorizationModelNotFound = 2020,
    /// <summary><c>type_not_found</c>.</summary>
    TypeNotFound = 2021,
    /// <summary><c>relation_not_found</c>.</summary>
    RelationNotFound = 2022,
    /// <summary><c>invalid_user</c>.</summary>
    InvalidUser = 2025,
    /// <summary><c>invalid_tuple</c>: a tuple does not fit the model.</summary>
    InvalidTuple = 2027,
    /// <summary><c>invalid_authorization_model</c>.</summary>
    InvalidAuthorizationModel = 2056,
    /// <summary><c>internal_error</c>.</summary>
    InternalError = 4000,
    /// <summary><c>deadline_exceeded</c>.</summary>
    DeadlineExceeded = 4004,
    /// <summary><c>store_id_not_found</c>.</summary>
    StoreIdNotFound = 5002,
}

/// <summary>Converts <see cref="FgaErrorCode"/> to and from OpenFGA's snake_case code strings.</summary>
public static class FgaErrorCodes
{
    private static readonly Dictionary<string, FgaErrorCode> ByName = Enum.GetValues<FgaErrorCode>()
        .ToDictionary(ToApiName, c => c, StringComparer.Ordinal);

    /// <summary>The API name, such as <c>validation_error</c>.</summary>
    public static string ToApiName(FgaErrorCode code)
    {
        var name = code.ToString();
        var builder = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
                builder.Append('_');
            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }

    /// <summary>Parses an API code string; unknown strings give <see cref="FgaErrorCode.Unknown"/>.</summary>
    public static FgaErrorCode Parse(string? apiName) =>
        apiName is not null && ByName.TryGetValue(apiName, out var code) ? code : FgaErrorCode.Unknown;
}

/// <summary>An OpenFGA error: from the server, or from the embedded evaluator with the code a server would use.
/// </summary>
public class FgaException : Exception
{
    /// <summary>Creates the error.</summary>
    public FgaException(FgaErrorCode code, string message, Exception? innerException = null)
        : base(message, innerException) => Code = code;

    /// <summary>OpenFGA's error code.</summary>
    public FgaErrorCode Code { get; }
}
