namespace LoyaltyPortal.Components.Shared;

/// <summary>The one place that makes text safe for a CSV a manager opens in a spreadsheet: chart downloads and exports.</summary>
public static class CsvCells
{
    // A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>Text that a spreadsheet would run as a formula gets a leading apostrophe, so it shows as typed.</summary>
    public static string Neutralise(string text) =>
        text.Length > 0 && Array.IndexOf(FormulaStarts, text[0]) >= 0 ? "'" + text : text;
}
