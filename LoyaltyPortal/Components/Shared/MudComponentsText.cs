using Microsoft.Extensions.Localization;
using MudBlazor;

namespace LoyaltyPortal.Components.Shared;

/// <summary>
/// MudBlazor's own texts (a pager's "Rows per page", a dialog's "Close"), keyed by MudBlazor's resource names
/// (MudComponentsText.resx and its languages).
/// </summary>
public sealed class MudComponentsText;

/// <summary>Gives MudBlazor's components their texts from <see cref="MudComponentsText"/> in the reader's language.</summary>
public sealed class PortalMudLocalizer(IStringLocalizer<MudComponentsText> text) : MudLocalizer
{
    public override LocalizedString this[string key] => text[key];

    public override LocalizedString this[string key, params object[] arguments] => text[key, arguments];
}
