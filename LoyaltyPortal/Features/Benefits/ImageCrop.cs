namespace LoyaltyPortal.Features.Benefits;

/// <summary>
/// Which part of a picture a 16:9 frame shows: the focus point (percent across and down) stays in view, and the picture
/// is scaled up around it by <see cref="Zoom"/> percent. Every page draws it the same way (<c>BenefitPicture</c>), with
/// CSS object-position and a scale, so the stored picture is never re-encoded.
/// </summary>
public sealed record ImageCrop(int FocusX, int FocusY, int Zoom)
{
    public const int MinZoom = 100;
    public const int MaxZoom = 300;
    public const string OutOfRangeMessage = "The crop must keep the focus between 0 and 100 % and the zoom between 100 and 300 %.";

    public static readonly ImageCrop Centre = new(50, 50, 100);

    public bool IsValid => FocusX is >= 0 and <= 100 && FocusY is >= 0 and <= 100 && Zoom is >= MinZoom and <= MaxZoom;

    /// <summary>The inline style for an &lt;img&gt; filling a frame with object-fit: cover.</summary>
    public string Style => FormattableString.Invariant(
        $"object-position: {FocusX}% {FocusY}%; transform-origin: {FocusX}% {FocusY}%; transform: scale({Zoom / 100.0:0.##});");
}
