using System.Globalization;
using System.Resources;

namespace LoyaltyPortal.Components.Account;

/// <summary>
/// Validation messages of the account pages' forms, in the person's language. Data annotations find a message by the
/// name of a static property (ErrorMessageResourceName), so each message is a property reading AccountValidation.resx.
/// </summary>
public static class AccountValidation
{
    private static readonly ResourceManager Resources = new(typeof(AccountValidation));

    public static string EmailRequired => Text(nameof(EmailRequired));
    public static string EmailInvalid => Text(nameof(EmailInvalid));
    public static string EmailTooLong => Text(nameof(EmailTooLong));
    public static string PasswordRequired => Text(nameof(PasswordRequired));
    public static string PasswordTooLong => Text(nameof(PasswordTooLong));

    private static string Text(string name) => Resources.GetString(name, CultureInfo.CurrentUICulture) ?? name;
}
