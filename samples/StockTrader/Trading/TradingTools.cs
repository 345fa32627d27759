using System.ComponentModel;
using AgentSafety;

namespace StockTrader.Trading;

/// <summary>
/// The agent's trading tools. Each declares who may call it; the generator turns the declarations into guarded
/// AIFunctions (see <c>CreateGuardedTools</c>), so none of them can run outside the guard.
/// </summary>
public sealed partial class TradingTools(Broker broker)
{
    [Description("Get the latest price of a listed company's shares")]
    [PublicTool("Market prices are public data and the tool reads nothing about the user")]
    public string GetQuote([Description("The ticker symbol, such as OKTA")] string ticker) =>
        broker.Quote(ticker) is { } price
            ? $"{ticker.ToUpperInvariant()} trades at {price:0.00} USD"
            : $"no quote for {ticker}";

    [Description("Buy shares of a listed company for the signed-in user")]
    [RequiresPermission("trade:buy")]
    [RequiresRelation("can_buy", "asset", nameof(ticker))]
    [RequiresApproval("Buy {quantity} {ticker}")]
    public string BuyStock(
        [Description("The ticker symbol, such as OKTA")] string ticker,
        [Description("How many shares")] int quantity,
        ToolPrincipal user)
    {
        var held = broker.Buy(user.Subject, ticker, quantity);
        return $"bought {quantity} {ticker}; {user.Subject} now holds {held}";
    }

    [Description("Sell shares the signed-in user holds")]
    [RequiresPermission("trade:sell")]
    [RequiresRelation("can_sell", "asset", nameof(ticker))]
    [RequiresApproval("Sell {quantity} {ticker}")]
    public string SellStock(
        [Description("The ticker symbol, such as OKTA")] string ticker,
        [Description("How many shares")] int quantity,
        ToolPrincipal user)
    {
        var held = broker.Sell(user.Subject, ticker, quantity);
        return $"sold {quantity} {ticker}; {user.Subject} now holds {held}";
    }

    [Description("List the signed-in user's positions")]
    [RequiresPermission("portfolio:read")]
    public IReadOnlyDictionary<string, int> GetPortfolio(ToolPrincipal user) => broker.Positions(user.Subject);
}
