using AgentSafety.OpenFga.Model;
using AgentSafety.OpenFga.Tuples;

namespace AgentSafety.OpenFga.Client;

/// <summary>The answer to one check of a batch.</summary>
/// <param name="Request">The check.</param>
/// <param name="Allowed">Whether the relationship holds; false when <paramref name="Error"/> is set.</param>
/// <param name="Error">Why the server could not answer this check, if it could not.</param>
public sealed record FgaBatchCheckResult(FgaCheckRequest Request, bool Allowed, string? Error = null);

/// <summary>One page of tuples from a read.</summary>
/// <param name="Tuples">The tuples.</param>
/// <param name="ContinuationToken">Pass it to the next read for the next page; null or empty on the last page.
/// </param>
public sealed record FgaReadPage(IReadOnlyList<RelationshipTuple> Tuples, string? ContinuationToken);

/// <summary>A filter for reading tuples; any part may be left out (OpenFGA needs at least the object type).
/// </summary>
/// <param name="User">The user.</param>
/// <param name="Relation">The relation.</param>
/// <param name="Object">The object, or <c>type:</c> for every object of a type.</param>
public sealed record FgaTupleFilter(string? User = null, string? Relation = null, string? Object = null);

/// <summary>A store.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its name.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record FgaStore(string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>One page of stores.</summary>
/// <param name="Stores">The stores.</param>
/// <param name="ContinuationToken">For the next page; null or empty on the last.</param>
public sealed record FgaStorePage(IReadOnlyList<FgaStore> Stores, string? ContinuationToken);

/// <summary>One page of authorization models, newest first.</summary>
/// <param name="Models">The models, each with its <see cref="AuthorizationModel.Id"/>.</param>
/// <param name="ContinuationToken">For the next page; null or empty on the last.</param>
public sealed record FgaAuthorizationModelPage(IReadOnlyList<AuthorizationModel> Models, string? ContinuationToken);

/// <summary>A call did not finish within <see cref="OpenFgaClientOptions.Timeout"/>.</summary>
public sealed class FgaTimeoutException(string message, Exception? innerException = null)
    : FgaException(FgaErrorCode.DeadlineExceeded, message, innerException);

/// <summary>The server could not be reached after every retry.</summary>
public sealed class FgaConnectionException(string message, Exception? innerException = null)
    : FgaException(FgaErrorCode.Unknown, message, innerException);
