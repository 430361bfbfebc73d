using LoyaltyPortal.Hosting;

namespace LoyaltyPortal.Features.Recognition;

/// <summary>What staff ask a person joining at the counter. No password and no card: they can claim an online account later.</summary>
public sealed class EnrolInput
{
    public string PreferredName { get; set; } = "";
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public bool AcceptsTerms { get; set; }
    public bool ConsentContact { get; set; }

    /// <summary>Optional: the code of the member who sent them, from their invite.</summary>
    public string? ReferralCode { get; set; }

    /// <summary>The language their emails and notifications come in ("en", "de"); the counter's own language at first.</summary>
    public string Language { get; set; } = PortalLanguages.English;

    /// <summary>
    /// A form started from what staff typed into the counter search: an email address, a phone number, or a name.
    /// A term with digits that is not a phone number (a member code, four digits) fills nothing.
    /// </summary>
    public static EnrolInput FromSearchText(string? text)
    {
        var term = CounterSearchService.Clean(text);
        if (term.Contains('@')) return new() { Email = term };
        var digits = term.Count(char.IsAsciiDigit);
        if (digits >= 7 && term.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '.' or '(' or ')' or '+' or '/')) return new() { Phone = term };
        return digits == 0 && term.Any(char.IsLetter) ? new() { PreferredName = term } : new();
    }
}

/// <summary>
/// The outcome of an enrolment. On success, the new member; refused because the person is already a member,
/// the existing member's id and code so staff can open that card; invalid, messages keyed by <see cref="EnrolInput"/> property.
/// </summary>
public sealed record EnrolResult(bool Succeeded, string Message, int? MemberId, string? MemberCode, IReadOnlyDictionary<string, string> FieldErrors)
    : OperationResult(Succeeded, Message, FieldErrors)
{
    public bool IsExistingMember => !Succeeded && MemberCode is not null;

    public static EnrolResult Enrolled(int memberId, string code, string message) => new(true, message, memberId, code, NoFieldErrors);

    public static EnrolResult Existing(int memberId, string code, string message) => new(false, message, memberId, code, NoFieldErrors);

    public static new EnrolResult Invalid(IReadOnlyDictionary<string, string> errors, string message = "Check the highlighted fields.") =>
        new(false, message, null, null, errors);
}
