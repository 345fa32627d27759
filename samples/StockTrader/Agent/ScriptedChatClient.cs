using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace StockTrader.Agent;

/// <summary>
/// A stand-in for a language model that runs offline: it maps each user prompt to a tool call with a few
/// patterns, and answers from the tool's result. Tool calls go through <see cref="FunctionInvokingChatClient"/>,
/// exactly as a real model's would.
/// </summary>
/// <remarks>
/// Like a real model, it may put anything in the arguments, including a forged <c>user</c>; the guard ignores such
/// values because identity comes from the host.
/// </remarks>
public sealed partial class ScriptedChatClient : IChatClient
{
    private int _callNumber;

    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var last = messages.Last();
        var result = last.Contents.OfType<FunctionResultContent>().FirstOrDefault();
        var reply = result is not null
            ? new ChatMessage(ChatRole.Assistant, Answer(result))
            : PlanToolCall(last.Text, options);
        return Task.FromResult(new ChatResponse(reply));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
            yield return update;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private ChatMessage PlanToolCall(string prompt, ChatOptions? options)
    {
        var (tool, arguments) = Interpret(prompt);
        if (tool is null || options?.Tools?.Any(available => available.Name == tool) != true)
            return new ChatMessage(ChatRole.Assistant, "I have no tool for that.");

        var callId = $"call-{Interlocked.Increment(ref _callNumber)}";
        return new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(callId, tool, arguments)]);
    }

    private static (string? Tool, Dictionary<string, object?> Arguments) Interpret(string prompt)
    {
        var trade = TradePattern().Match(prompt);
        if (trade.Success)
        {
            var buying = trade.Groups["verb"].Value.Equals("buy", StringComparison.OrdinalIgnoreCase);
            var tool = buying ? "BuyStock" : "SellStock";
            var arguments = new Dictionary<string, object?>
            {
                ["ticker"] = trade.Groups["ticker"].Value.ToUpperInvariant(),
                ["quantity"] = int.Parse(trade.Groups["quantity"].Value, CultureInfo.InvariantCulture),
            };
            if (trade.Groups["as"].Success)
                arguments["user"] = trade.Groups["as"].Value;

            return (tool, arguments);
        }

        var quote = QuotePattern().Match(prompt);
        if (quote.Success)
            return ("GetQuote", new() { ["ticker"] = quote.Groups["ticker"].Value.ToUpperInvariant() });

        return PortfolioPattern().IsMatch(prompt) ? ("GetPortfolio", new()) : (null, new());
    }

    private static string Answer(FunctionResultContent result)
    {
        var (json, denialReason) = ToolResultJson.From(result);
        if (denialReason is not null)
            return $"I could not do that. The tool was denied: {denialReason}.";

        return json.ValueKind == JsonValueKind.String ? $"Done: {json.GetString()}." : $"Here you are: {json}";
    }

    [GeneratedRegex(
        @"\b(?<verb>buy|sell)\s+(?<quantity>\d+)\s+(?:shares of\s+)?(?<ticker>[A-Za-z]+)(?:.*\bas\s+(?<as>\w+))?",
        RegexOptions.IgnoreCase)]
    private static partial Regex TradePattern();

    [GeneratedRegex(@"\b(?:price|quote)\b.*?\b(?<ticker>[A-Z]{2,5})\b")]
    private static partial Regex QuotePattern();

    [GeneratedRegex(@"\bportfolio\b|\bpositions\b", RegexOptions.IgnoreCase)]
    private static partial Regex PortfolioPattern();
}
