// In the root namespace because every feature answers in this shape, as Caller is asked for by every service.
namespace LoyaltyPortal;

/// <summary>
/// The one shape every command answers in: whether it worked, a sentence for the person, and messages for the form's fields
/// keyed by the input's property name (empty when none), which <see cref="Components.Shared.Forms.ServiceValidation"/> shows
/// beside those fields. A result that carries more, such as a new booking's id, derives from it.
/// </summary>
public record OperationResult(bool Succeeded, string Message, IReadOnlyDictionary<string, string> FieldErrors)
{
    public static readonly IReadOnlyDictionary<string, string> NoFieldErrors = new Dictionary<string, string>().AsReadOnly();

    public OperationResult(bool succeeded, string message) : this(succeeded, message, NoFieldErrors)
    {
    }

    public static OperationResult Done(string message) => new(true, message);

    public static OperationResult Refused(string message) => new(false, message);

    /// <summary>Refused because of one field; the message shows beside it.</summary>
    public static OperationResult Refused(string field, string message) =>
        new(false, message, new Dictionary<string, string> { [field] = message });

    /// <summary>Refused because of the fields; without a message, "Please check the highlighted fields." in the reader's language.</summary>
    public static OperationResult Invalid(IReadOnlyDictionary<string, string> fieldErrors, string? message = null) =>
        new(false, message ?? CheckTheFieldsText, fieldErrors);

    public const string CheckTheFields = "Please check the highlighted fields.";

    protected static string CheckTheFieldsText => Components.Shared.StaticText<Components.Shared.SharedText>.Localizer[CheckTheFields];
}
