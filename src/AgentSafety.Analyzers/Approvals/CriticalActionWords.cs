using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using AgentSafety.Analyzers.Credentials;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentSafety.Analyzers.Approvals;

/// <summary>
/// The words and phrases that make a tool's name or description say it does something that cannot be undone or
/// reaches many people. Matched as whole words (a phrase as consecutive words), so <c>Dropdown</c> is not
/// <c>drop</c>. Teams replace or extend the list in <c>.editorconfig</c>.
/// </summary>
internal sealed class CriticalActionWords
{
    /// <summary><c>.editorconfig</c> key whose comma-separated list replaces the default words.</summary>
    public const string WordsOption = "agentsafety.critical_action.words";

    /// <summary><c>.editorconfig</c> key whose comma-separated list is added to the words.</summary>
    public const string AdditionalWordsOption = "agentsafety.critical_action.additional_words";

    private static readonly ImmutableArray<string> DefaultEntries = ImmutableArray.Create(
        "delete", "deletes", "deleting", "remove permanently", "purge", "purges", "wipe", "wipes", "erase",
        "drop", "drops", "dropping", "truncate", "destroy", "destroys",
        "transfer", "transfers", "transferring", "wire money", "send money",
        "pay", "pays", "paying", "payment", "payout", "refund", "refunds", "charge card",
        "buy", "buys", "buying", "purchase", "purchases", "sell", "sells", "selling", "place order",
        "withdraw", "withdraws", "withdrawal",
        "broadcast", "broadcasts", "mass email", "bulk email", "bulk send", "send to all", "email all",
        "notify all", "message all", "all customers", "all users", "all contacts", "mailing list",
        "newsletter", "newsletters", "mass mail", "mass message", "bulk message", "bulk sms", "all subscribers",
        "all employees", "all members", "email everyone", "notify everyone", "message everyone",
        "shell", "bash", "powershell", "cmd", "exec", "execute command", "run command", "run script",
        "execute script", "terminal command");

    // A name or description that starts by saying it reads ("GetPaymentStatus", "Lists deleted files") reads.
    private static readonly ImmutableHashSet<string> ReadingVerbs = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "get", "gets", "list", "lists", "read", "reads", "search", "searches", "find", "finds", "query", "lookup",
        "look", "check", "checks", "show", "shows", "describe", "describes", "fetch", "fetches", "count", "counts",
        "preview", "previews", "estimate", "estimates", "quote", "quotes", "calculate", "calculates", "return",
        "returns", "is", "has", "can", "validate", "validates", "explain", "explains", "summarize", "summarizes");

    private readonly ImmutableArray<string[]> _phrases;

    private CriticalActionWords(IEnumerable<string> entries)
    {
        var phrases = ImmutableArray.CreateBuilder<string[]>();
        foreach (var entry in entries)
        {
            var words = CredentialWords.Split(entry);
            if (words.Count > 0)
                phrases.Add(words.ToArray());
        }

        _phrases = phrases.ToImmutable();
    }

    public static CriticalActionWords Default { get; } = new(DefaultEntries);

    /// <summary>The list configured for a file: the default, replaced or extended by the options.</summary>
    public static CriticalActionWords From(AnalyzerConfigOptions options)
    {
        var hasWords = options.TryGetValue(WordsOption, out var words);
        var hasAdditional = options.TryGetValue(AdditionalWordsOption, out var additional);
        if (!hasWords && !hasAdditional)
            return Default;

        var entries = new List<string>(hasWords ? ParseList(words) : DefaultEntries);
        if (hasAdditional)
            entries.AddRange(ParseList(additional));

        return new CriticalActionWords(entries);
    }

    /// <summary>The first configured word or phrase that <paramref name="text"/> contains, or null.</summary>
    public string? Match(string? text)
    {
        if (text is null || text.Length == 0)
            return null;

        var words = CredentialWords.Split(text);
        if (words.Count == 0 || ReadingVerbs.Contains(words[0]))
            return null;

        foreach (var phrase in _phrases)
        {
            for (var start = 0; start + phrase.Length <= words.Count; start++)
            {
                var matches = true;
                for (var offset = 0; offset < phrase.Length && matches; offset++)
                    matches = words[start + offset] == phrase[offset];

                if (matches)
                    return string.Join(" ", phrase);
            }
        }

        return null;
    }

    private static IEnumerable<string> ParseList(string? list)
    {
        foreach (var item in (list ?? "").Split(','))
        {
            var trimmed = item.Trim();
            if (trimmed.Length > 0)
                yield return trimmed;
        }
    }
}
