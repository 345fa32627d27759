using System;
using AgentSafety;

namespace UnsafeTools;

// Each method below gets its requirement wrong in one way. The class is not partial, so the generator leaves it
// alone and AS4001 is reported for every method as well.

/// <summary>Requirements that cannot hold or cannot be enforced.</summary>
public sealed class RequirementMistakes
{
    [RequiresPermission("trade:buy")]
    public string NotPartial(string ticker) => ticker;                                  // AS4001

    [RequiresRelation("can_buy", "asset", "symbol")]                                    // AS4002
    public string MissingParameter(string ticker) => ticker;

    [RequiresRelation("can_edit", "meeting", nameof(start))]                            // AS4003
    public string DateAsObjectId(DateTimeOffset start) => "moved";

    [RequiresPermission("")]                                                            // AS4004
    [RequiresRelation("can buy", "asset", nameof(ticker))]                              // AS4004
    public string InvalidNames(string ticker) => ticker;

    [RequiresApproval("Buy {qty} {symbol}")]                                            // AS4005
    public string UnknownPlaceholder(string ticker, int qty) => ticker;

    [RequiresApproval("Transfer {amount} € to {iban}?")]                                // AS4006
    public string UnsupportedCharacters(decimal amount, string iban) => iban;

    [RequiresPermission("calendar:read")]
    public bool RawToken(
        DateTimeOffset at,
        [DelegatedToken("google-oauth2", "calendar.freebusy")] string google) => true;  // AS4007
}
