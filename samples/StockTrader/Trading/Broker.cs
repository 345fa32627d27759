using System.Collections.Concurrent;

namespace StockTrader.Trading;

/// <summary>An in-memory brokerage account book, standing in for a real broker API.</summary>
public sealed class Broker
{
    private static readonly IReadOnlyDictionary<string, decimal> s_prices = new Dictionary<string, decimal>
    {
        ["OKTA"] = 92.40m,
        ["MSFT"] = 415.10m,
        ["XYZ"] = 61.75m,
    };

    private readonly ConcurrentDictionary<(string User, string Ticker), int> _positions = new();

    public decimal? Quote(string ticker) =>
        s_prices.TryGetValue(ticker.ToUpperInvariant(), out var price) ? price : null;

    public int Buy(string user, string ticker, int quantity) =>
        _positions.AddOrUpdate((user, ticker.ToUpperInvariant()), quantity, (_, held) => held + quantity);

    public int Sell(string user, string ticker, int quantity)
    {
        var key = (user, ticker.ToUpperInvariant());
        var held = _positions.GetValueOrDefault(key);
        if (held < quantity)
            throw new InvalidOperationException($"{user} holds only {held} {ticker}");

        return _positions[key] = held - quantity;
    }

    public IReadOnlyDictionary<string, int> Positions(string user) =>
        _positions.Where(entry => entry.Key.User == user && entry.Value > 0)
            .ToDictionary(entry => entry.Key.Ticker, entry => entry.Value);
}
