namespace LoyaltyPortal.Features.Members.Export;

/// <summary>The texts of the activity export dialog, the exports' column headers and messages (ExportText.resx and its languages).</summary>
public sealed class ExportText;
