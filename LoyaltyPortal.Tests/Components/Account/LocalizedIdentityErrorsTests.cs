using System.Globalization;
using System.Reflection;
using LoyaltyPortal.Components.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Tests.Components.Account;

/// <summary>Identity's messages in the person's language, with Identity's own English and codes.</summary>
public sealed class LocalizedIdentityErrorsTests
{
    private static readonly LocalizedIdentityErrors Errors = new(new StringLocalizer<AccountText>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance)));

    public static TheoryData<string> Messages() =>
        new(typeof(IdentityErrorDescriber).GetMethods().Where(m => m.IsVirtual && m.ReturnType == typeof(IdentityError)).Select(m => m.Name));

    [Theory, MemberData(nameof(Messages))]
    public void Every_message_is_translated_and_English_stays_Identitys_own(string name)
    {
        var method = typeof(IdentityErrorDescriber).GetMethod(name)!;
        var arguments = method.GetParameters().Select(p => p.ParameterType == typeof(int) ? (object)8 : "jo@example.com").ToArray();

        var identity = Describe(new IdentityErrorDescriber(), method, arguments, "en-GB");
        var english = Describe(Errors, method, arguments, "en-GB");
        var german = Describe(Errors, method, arguments, "de-DE");

        Assert.Equal((identity.Code, identity.Description), (english.Code, english.Description));
        Assert.Equal(identity.Code, german.Code);
        Assert.NotEqual(identity.Description, german.Description);
    }

    private static IdentityError Describe(IdentityErrorDescriber describer, MethodInfo method, object[] arguments, string culture)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return (IdentityError)method.Invoke(describer, arguments)!;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
