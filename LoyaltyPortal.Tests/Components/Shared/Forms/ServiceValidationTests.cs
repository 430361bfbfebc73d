using Bunit;
using LoyaltyPortal.Components.Shared.Forms;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyPortal.Tests.Components.Shared.Forms;

/// <summary>A service's field errors show beside their fields through the form's EditContext, and go when they no longer apply.</summary>
public sealed class ServiceValidationTests : BunitContext
{
    private sealed class Input
    {
        public string? Name { get; set; }
        public int Age { get; set; }
    }

    private readonly Input input = new();
    private readonly EditContext editContext;

    public ServiceValidationTests()
    {
        Services.AddLocalization();
        editContext = new EditContext(input);
    }

    private IRenderedComponent<ServiceValidation> Render(OperationResult? result) =>
        Render<ServiceValidation>(p => p.Add(v => v.Result, result).AddCascadingValue(editContext));

    private static OperationResult Invalid(string nameMessage) =>
        OperationResult.Invalid(new Dictionary<string, string> { ["Name"] = nameMessage, ["Age"] = "Too old." });

    [Fact]
    public void Field_errors_become_the_fields_validation_messages()
    {
        Render(Invalid("Enter a name."));

        Assert.Equal(["Enter a name."], editContext.GetValidationMessages(editContext.Field(nameof(Input.Name))));
        Assert.Equal(["Too old."], editContext.GetValidationMessages(editContext.Field(nameof(Input.Age))));
    }

    [Fact]
    public void Editing_a_field_clears_only_its_message()
    {
        Render(Invalid("Enter a name."));

        editContext.NotifyFieldChanged(editContext.Field(nameof(Input.Name)));

        Assert.Empty(editContext.GetValidationMessages(editContext.Field(nameof(Input.Name))));
        Assert.Equal(["Too old."], editContext.GetValidationMessages(editContext.Field(nameof(Input.Age))));
    }

    [Fact]
    public void Editing_a_field_with_a_message_tells_the_inputs_to_redraw_it()
    {
        Render(Invalid("Enter a name."));
        var announced = 0;
        editContext.OnValidationStateChanged += (_, _) => announced++;

        editContext.NotifyFieldChanged(editContext.Field(nameof(Input.Name)));
        editContext.NotifyFieldChanged(editContext.Field(nameof(Input.Name)));

        Assert.Equal(1, announced);
    }

    [Fact]
    public void A_second_answer_worded_like_the_first_shows_again_after_the_field_was_edited()
    {
        var cut = Render(Invalid("Enter a name."));
        editContext.NotifyFieldChanged(editContext.Field(nameof(Input.Name)));

        cut.Render(p => p.Add(v => v.Result, Invalid("Enter a name.")));

        Assert.Equal(["Enter a name."], editContext.GetValidationMessages(editContext.Field(nameof(Input.Name))));
    }

    [Fact]
    public void A_success_clears_every_message()
    {
        var cut = Render(Invalid("Enter a name."));

        cut.Render(p => p.Add(v => v.Result, OperationResult.Done("Saved.")));

        Assert.Empty(editContext.GetValidationMessages());
    }

    [Fact]
    public void Outside_a_form_it_says_where_it_belongs()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Render<ServiceValidation>());
        Assert.Contains("inside an EditForm", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shared_rule_message_shows_in_German_for_a_German_reader()
    {
        using var german = LoyaltyPortal.Tests.Components.Shared.ReaderCultureScope.German();

        Render(Invalid(LoyaltyPortal.Components.Shared.TextRules.DirectionMessage));

        Assert.Equal(["Entfernen Sie die unsichtbaren Zeichen für die Schreibrichtung; sie ändern die Reihenfolge, in der Wörter angezeigt werden."],
            editContext.GetValidationMessages(editContext.Field(nameof(Input.Name))));
        Assert.Equal(["Too old."], editContext.GetValidationMessages(editContext.Field(nameof(Input.Age))));
    }
}
