using System.Net;
using LoyaltyPortal.Data;
using LoyaltyPortal.Tests.Hosting;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Components.Account;

/// <summary>The join form, posted as a browser posts it.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class RegisterTests(PortalApp app)
{
    private const string Password = "Strong#Pass1";
    private static readonly string Long = new('a', 10_000);

    /// <summary>One field changed from a valid registration, and the message the user should read.</summary>
    private static readonly (string Field, string Value, string Message)[] Invalid =
    [
        ("PreferredName", "", "Enter the name you like to be called."),
        ("PreferredName", Long, "Use at most 60 characters."),
        ("PreferredName", "😀🎉✨", "The name needs at least one letter."),
        ("Email", "", "Enter an email address."),
        ("Email", "a@b", "Enter an email address like name@example.com."),
        ("Email", "not-an-email", "Enter an email address like name@example.com."),
        ("Email", Long + "@example.com", "Use at most 254 characters."),
        ("Phone", "call me maybe", "Enter a phone number like +44 7400 123456 or 07400 123456."),
        ("Phone", "12345", "Enter a phone number like +44 7400 123456 or 07400 123456."),
        ("Password", "", "Choose a password."),
        ("ConfirmPassword", "Other#Pass2", "The password and confirmation password do not match."),
        ("Password", "weakpassword", "Passwords must have at least one digit ('0'-'9')."),
    ];

    public static TheoryData<string, string, string> InvalidInput => new(Invalid);

    public static TheoryData<string, string> InvalidFields => new(Invalid.Select(row => (row.Field, row.Value)));

    [Theory, MemberData(nameof(InvalidInput))]
    public async Task Invalid_input_is_shown_beside_the_form(string field, string value, string message)
    {
        using var client = app.NewClient();

        var response = await client.SubmitAsync("/Account/Register", "register", Form(field, value));
        var page = await client.FollowAsync(response);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("/Account/Register", page.Path);
        Assert.Contains(page.Messages, m => m.Contains(message, StringComparison.Ordinal));
        Assert.DoesNotContain("Exception", page.Html, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(InvalidFields))]
    public async Task Invalid_input_creates_no_login_and_no_member(string field, string value)
    {
        using var client = app.NewClient();
        var before = await CountAsync();

        await client.SubmitAsync("/Account/Register", "register", Form(field, value));

        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Empty_form_names_every_required_field()
    {
        using var client = app.NewClient();
        var empty = new Dictionary<string, string>
        {
            ["Input.PreferredName"] = "", ["Input.Email"] = "", ["Input.Phone"] = "", ["Input.Password"] = "", ["Input.ConfirmPassword"] = "",
        };

        var page = await client.FollowAsync(await client.SubmitAsync("/Account/Register", "register", empty));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Enter the name you like to be called.", page.Messages);
        Assert.Contains("Enter an email address.", page.Messages);
        Assert.Contains("Choose a password.", page.Messages);
    }

    [Fact]
    public async Task Name_with_emoji_and_letters_is_accepted_as_written()
    {
        var form = Form("PreferredName", "Zoë 🌟");
        using var client = app.NewClient();

        var response = await client.SubmitAsync("/Account/Register", "register", form);

        Assert.Equal("/me", response.Headers.Location?.AbsolutePath);
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Equal("Zoë 🌟", await db.Members.Where(m => m.Email == form["Input.Email"]).Select(m => m.PreferredName).SingleAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("o'brien.{0}@example.com")]
    [InlineData("zoë.{0}@example.com")]
    public async Task Valid_email_with_an_apostrophe_or_accent_is_accepted(string email)
    {
        using var client = app.NewClient();

        var response = await client.SubmitAsync("/Account/Register", "register", Form("Email", string.Format(System.Globalization.CultureInfo.InvariantCulture, email, Guid.NewGuid().ToString("N")[..8])));

        Assert.Equal("/me", response.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task Registration_with_a_return_address_on_another_site_stays_on_this_site()
    {
        using var client = app.NewClient();

        var response = await client.SubmitAsync("/Account/Register?ReturnUrl=" + Uri.EscapeDataString("https://evil.example/"), "register", Form());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("localhost", response.Headers.Location?.Host);
    }

    [Fact]
    public async Task Email_already_registered_is_refused_with_a_message()
    {
        using var client = app.NewClient();

        var page = await client.FollowAsync(await client.SubmitAsync("/Account/Register", "register", Form("Email", "MEMBER@loyaltyportal.test")));

        Assert.Equal("/Account/Register", page.Path);
        Assert.Contains(page.Messages, m => m.Contains("is already taken", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Valid_registration_creates_a_login_in_the_member_role()
    {
        var form = Form();
        using var client = app.NewClient();

        await client.SubmitAsync("/Account/Register", "register", form);

        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var roles = await (from u in db.Users
                           join ur in db.UserRoles on u.Id equals ur.UserId
                           join r in db.Roles on ur.RoleId equals r.Id
                           where u.Email == form["Input.Email"]
                           select r.Name).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([Roles.Member], roles);
    }

    [Fact]
    public async Task Valid_registration_creates_a_member_linked_to_the_login()
    {
        var form = Form("Phone", "07400 900456");
        using var client = app.NewClient();

        await client.SubmitAsync("/Account/Register", "register", form);

        var user = await app.FindUserAsync(form["Input.Email"]);
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var member = await db.Members.SingleAsync(m => m.UserId == user!.Id, TestContext.Current.CancellationToken);
        Assert.Equal(("Robin Ash", form["Input.Email"], "+447400900456"), (member.PreferredName, member.Email, member.Phone));
    }

    [Fact]
    public async Task Valid_registration_signs_in_and_lands_on_my_progress()
    {
        using var client = app.NewClient();

        var page = await client.FollowAsync(await client.SubmitAsync("/Account/Register", "register", Form()));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("/me", page.Path);
    }

    /// <summary>A valid registration for a new email, with <paramref name="field"/> set to <paramref name="value"/>.</summary>
    private static Dictionary<string, string> Form(string? field = null, string? value = null)
    {
        var form = new Dictionary<string, string>
        {
            ["Input.PreferredName"] = "Robin Ash",
            ["Input.Email"] = $"{Guid.NewGuid():N}@example.com",
            ["Input.Phone"] = "",
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
            ["Input.ConsentContact"] = "true",
        };
        if (field is not null) form["Input." + field] = value!;
        if (field == "Password") form["Input.ConfirmPassword"] = value!;
        return form;
    }

    private async Task<(int Users, int Members)> CountAsync()
    {
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return (await db.Users.CountAsync(TestContext.Current.CancellationToken), await db.Members.CountAsync(TestContext.Current.CancellationToken));
    }
}
