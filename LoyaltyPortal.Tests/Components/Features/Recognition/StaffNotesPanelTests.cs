using Bunit;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Recognition;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LoyaltyPortal.Tests.Components.Features.Recognition;

/// <summary>Staff notes: the service's refusal of a note shows beside the note, and goes once the note is edited.</summary>
public sealed class StaffNotesPanelTests : PortalTestContext
{
    private const string TooLong = "Keep notes to 500 characters (501 now).";

    [Fact]
    public async Task A_note_too_long_shows_the_services_message_beside_it_until_it_is_edited()
    {
        var store = await Db.AddStoreAsync();
        SignIn(await Db.AddUserAsync(Roles.Staff, "Sam Counter", store.Id));
        var (member, _) = await Db.AddMemberAsync("Alex Morgan");
        Render<MudPopoverProvider>();
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var page = Render<RecognitionCardPage>(p => p.Add(c => c.MemberCode, member.MemberCode));
        page.WaitForAssertion(() => page.FindComponent<StaffNotesPanel>());
        var panel = page.FindComponent<StaffNotesPanel>();
        panel.Find("textarea").Input(new string('x', 501));

        await panel.Find("form").SubmitAsync();

        panel.WaitForAssertion(() => Assert.Contains(TooLong, NoteField(panel), StringComparison.Ordinal));
        panel.Find("textarea").Input("Prefers the window fitting room");
        panel.WaitForAssertion(() => Assert.DoesNotContain(TooLong, NoteField(panel), StringComparison.Ordinal));
    }

    private static string NoteField(IRenderedComponent<StaffNotesPanel> panel) =>
        panel.Find("label:contains('Add a note')").Closest(".mud-input-control")!.TextContent;
}
