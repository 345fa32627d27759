using System.Collections.Concurrent;

namespace AgentSafety.OAuth;

/// <summary>
/// Exchanged tokens per (user, connection, scopes), handed out until <c>skew</c> before they expire. Bounded: when
/// full, expired entries are swept and, if it is still full, a new token is simply not cached.
/// </summary>
internal sealed class DelegatedTokenCache
{
    private readonly ConcurrentDictionary<string, AccessToken> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly TimeSpan _skew;
    private readonly int _capacity;

    public DelegatedTokenCache(TimeProvider time, TimeSpan skew, int capacity)
    {
        _time = time;
        _skew = skew;
        _capacity = capacity;
    }

    public int Count => _entries.Count;

    public static string KeyFor(DelegatedTokenRequest request)
    {
        var scopes = request.Scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return string.Join('\n', request.Principal.Subject, request.Connection, string.Join(' ', scopes));
    }

    public AccessToken? Get(string key)
    {
        if (!_entries.TryGetValue(key, out var token))
            return null;
        if (IsFresh(token))
            return token;

        _entries.TryRemove(new KeyValuePair<string, AccessToken>(key, token));
        return null;
    }

    public bool IsWorthCaching(AccessToken token) => IsFresh(token);

    public void Put(string key, AccessToken token)
    {
        if (_entries.Count >= _capacity)
            Sweep();
        if (_entries.Count < _capacity || _entries.ContainsKey(key))
            _entries[key] = token;
    }

    /// <summary>Removes the entry only if it still holds <paramref name="token"/>, not a newer one.</summary>
    public bool Remove(string key, AccessToken token) =>
        _entries.TryRemove(new KeyValuePair<string, AccessToken>(key, token));

    private bool IsFresh(AccessToken token) => _time.GetUtcNow() < token.ExpiresAt - _skew;

    private void Sweep()
    {
        foreach (var entry in _entries)
        {
            if (!IsFresh(entry.Value))
                _entries.TryRemove(entry);
        }
    }
}
