using Yoi.Tui.Terminal;

namespace Yoi.Tui.Screens;

public enum NoticeLevel
{
    Info,
    Warn,
    Error,
}

/// <summary>A transient actionbar message (docs/original-panel.md §2.17, single-Pod view): info cyan 4 s, warn yellow 8 s,
/// error bold red 6 s.</summary>
public sealed record TimedNotice(NoticeLevel Level, string Text, DateTimeOffset ExpiresAt)
{
    public static TimedNotice Create(NoticeLevel level, string text, DateTimeOffset now) => new(level, text, now + Lifetime(level));

    public static TimeSpan Lifetime(NoticeLevel level) => level switch
    {
        NoticeLevel.Info => TimeSpan.FromSeconds(4),
        NoticeLevel.Warn => TimeSpan.FromSeconds(8),
        _ => TimeSpan.FromSeconds(6),
    };

    public Style Style => Level switch
    {
        NoticeLevel.Info => Color.Cyan,
        NoticeLevel.Warn => Color.Yellow,
        _ => new Style(Color.Red).Bold(),
    };
}
