using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Components.Shared.Forms;

/// <summary>
/// Shows a service's <see cref="OperationResult.FieldErrors"/> through the form's <see cref="EditContext"/>, so each field shows
/// its own message (MudBlazor inputs with <c>For</c>, or <c>ValidationMessage For</c>) the way data-annotation errors would.
/// Put it inside an <c>EditForm</c> and set <see cref="Result"/> to the last answer. A field's message clears when it is edited
/// and all clear on the next submit, so a second attempt always shows its own answer, even one worded like the first.
/// The shared rules' messages (<see cref="TextRules.DirectionMessage"/>, <see cref="InputBounds"/>) are English keys of
/// SharedText and show in the reader's language; a message its service already worded for the reader shows as it is.
/// </summary>
public sealed class ServiceValidation : ComponentBase, IDisposable
{
    private ValidationMessageStore? messages;
    private EditContext? subscribed;
    private OperationResult? shown;

    [CascadingParameter] private EditContext? EditContext { get; set; }

    [Inject] private IStringLocalizer<SharedText> Text { get; set; } = default!;

    /// <summary>The service's last answer; null before the first submit.</summary>
    [Parameter] public OperationResult? Result { get; set; }

    /// <summary>
    /// Where a key names a property of a nested input (for example the location part of an editor), the model that owns it.
    /// Keys are looked up on the form's model unless this maps them elsewhere.
    /// </summary>
    [Parameter] public Func<string, FieldIdentifier?>? FieldOf { get; set; }

    protected override void OnParametersSet()
    {
        if (EditContext is null) throw new InvalidOperationException($"{nameof(ServiceValidation)} goes inside an EditForm.");
        if (!ReferenceEquals(EditContext, subscribed))
        {
            Unsubscribe();
            subscribed = EditContext;
            messages = new ValidationMessageStore(EditContext);
            EditContext.OnFieldChanged += FieldChanged;
            EditContext.OnValidationRequested += ValidationRequested;
        }
        if (ReferenceEquals(Result, shown)) return;
        shown = Result;
        messages!.Clear();
        foreach (var (key, message) in Result?.FieldErrors ?? OperationResult.NoFieldErrors)
        {
            messages.Add(FieldOf?.Invoke(key) ?? EditContext.Field(key), Text[message].Value);
        }
        EditContext.NotifyValidationStateChanged();
    }

    // Inputs redraw their message on the validation-state event, so a cleared message has to be announced, as
    // DataAnnotationsValidator does; only when there was one, so typing elsewhere doesn't redraw the whole form.
    private void FieldChanged(object? sender, FieldChangedEventArgs e)
    {
        if (messages is null || !messages[e.FieldIdentifier].Any()) return;
        messages.Clear(e.FieldIdentifier);
        subscribed?.NotifyValidationStateChanged();
    }

    private void ValidationRequested(object? sender, ValidationRequestedEventArgs e) => messages?.Clear();

    private void Unsubscribe()
    {
        if (subscribed is null) return;
        subscribed.OnFieldChanged -= FieldChanged;
        subscribed.OnValidationRequested -= ValidationRequested;
        messages?.Clear();
    }

    public void Dispose() => Unsubscribe();
}
