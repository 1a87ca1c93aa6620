using Yoi.Core.Panel;
using Yoi.Tui.Terminal;

namespace Yoi.Tui.Screens.Panel;

/// <summary>
/// A <see cref="PanelNotice"/> with the time it was shown. Info lasts 4 s and a warning 8 s; an error has no
/// expiry (the screen clears it on the next key, and keeps its F2 details).
/// </summary>
public sealed record ShownNotice(PanelNotice Notice, DateTimeOffset ShownAt)
{
    public static readonly TimeSpan InfoLifetime = TimeSpan.FromSeconds(4);
    public static readonly TimeSpan WarningLifetime = TimeSpan.FromSeconds(8);

    public string Text => Notice.Text;

    public Yoi.Core.Panel.NoticeLevel Level => Notice.Level;

    /// <summary>When the notice disappears on its own; null for errors.</summary>
    public DateTimeOffset? ExpiresAt => Notice.Level switch
    {
        Yoi.Core.Panel.NoticeLevel.Info => ShownAt + InfoLifetime,
        Yoi.Core.Panel.NoticeLevel.Warning => ShownAt + WarningLifetime,
        _ => null,
    };

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } at && now >= at;

    /// <summary>Cyan for info, yellow for warnings, bold red for errors.</summary>
    public Style Style => Notice.Level switch
    {
        Yoi.Core.Panel.NoticeLevel.Info => new Style(Color.Cyan),
        Yoi.Core.Panel.NoticeLevel.Warning => new Style(Color.Yellow),
        _ => new Style(Color.Red, Attr: TextAttr.Bold),
    };
}
