namespace Yoi.Core.Panel;

/// <summary>How loud a notice is: info (4 s), warning (8 s), error (until the next key, with F2 details).</summary>
public enum NoticeLevel { Info, Warning, Error }

/// <summary>
/// One line for the actionbar. <see cref="DetailsTitle"/>/<see cref="Details"/> are the full text the F2 popup shows
/// (set on errors; the line itself is bounded and then ends with " (F2 details)").
/// </summary>
public sealed record PanelNotice(NoticeLevel Level, string Text, string? DetailsTitle = null, string? Details = null)
{
    public static PanelNotice Info(string text) => new(NoticeLevel.Info, text);

    public static PanelNotice Warning(string text) => new(NoticeLevel.Warning, text);

    /// <summary>An error whose line is the bounded details plus " (F2 details)"; the popup keeps the full text.</summary>
    public static PanelNotice Error(string title, string details) =>
        new(NoticeLevel.Error, PanelText.Bounded(details) + " (F2 details)", title, details);

    public bool HasDetails => Details is not null;
}
