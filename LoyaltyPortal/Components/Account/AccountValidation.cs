using System.Globalization;
using System.Resources;

namespace LoyaltyPortal.Components.Account;

/// <summary>
/// Validation messages of the account pages' forms, in the person's language. Data annotations find a message by the
/// name of a static property (ErrorMessageResourceName), so each message is a property reading AccountValidation.resx.
/// A message may use the attribute's values: {1} is StringLength's maximum and {2} its minimum.
/// </summary>
public static class AccountValidation
{
    private static readonly ResourceManager Resources = new(typeof(AccountValidation));

    public static string EmailRequired => Text(nameof(EmailRequired));
    public static string EmailInvalid => Text(nameof(EmailInvalid));
    public static string EmailTooLong => Text(nameof(EmailTooLong));
    public static string PasswordRequired => Text(nameof(PasswordRequired));
    public static string PasswordTooLong => Text(nameof(PasswordTooLong));
    public static string NameRequired => Text(nameof(NameRequired));
    public static string TooLong => Text(nameof(TooLong));
    public static string NewEmailRequired => Text(nameof(NewEmailRequired));
    public static string NewEmailInvalid => Text(nameof(NewEmailInvalid));
    public static string PhoneInvalid => Text(nameof(PhoneInvalid));
    public static string ReferralCodeInvalid => Text(nameof(ReferralCodeInvalid));
    public static string PasswordChoose => Text(nameof(PasswordChoose));
    public static string CurrentPasswordRequired => Text(nameof(CurrentPasswordRequired));
    public static string NewPasswordRequired => Text(nameof(NewPasswordRequired));
    public static string PasswordLength => Text(nameof(PasswordLength));
    public static string PasswordsDiffer => Text(nameof(PasswordsDiffer));
    public static string ResetLinkInvalid => Text(nameof(ResetLinkInvalid));
    public static string AuthenticatorCodeRequired => Text(nameof(AuthenticatorCodeRequired));
    public static string AuthenticatorCodeLength => Text(nameof(AuthenticatorCodeLength));
    public static string RecoveryCodeRequired => Text(nameof(RecoveryCodeRequired));
    public static string PasskeyNameRequired => Text(nameof(PasskeyNameRequired));
    public static string PasskeyNameTooLong => Text(nameof(PasskeyNameTooLong));
    public static string LanguageUnknown => Text(nameof(LanguageUnknown));

    private static string Text(string name) => Resources.GetString(name, CultureInfo.CurrentUICulture) ?? name;
}
