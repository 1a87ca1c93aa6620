using Yoi.Tui.Terminal;
using Yoi.Tui.Widgets;

namespace Yoi.Tui.Screens.Panel;

/// <summary>The help overlay (<c>?</c> or F1 on a blank composer): the panel's keys, drawn as a centred popup.</summary>
public static class PanelHelp
{
    public const string Title = "Panel keys";
    private const int KeyColumn = 16;

    /// <summary>(keys, meaning) pairs; Tab and Ctrl+R are listed only when they can do something.</summary>
    public static IReadOnlyList<(string Keys, string Meaning)> Entries(bool ticketTarget, bool ticketsShown) =>
    [
        ("↑/↓", "select a row (blank composer); move between draft lines"),
        ("PgUp/PgDn", "move the selection by a page"),
        ("Home/End", "first/last row (blank composer); start/end of the line"),
        ("Enter", "blank composer: open the Pod, start Intake or run the row's action; text: send to the target"),
        ("Alt+Enter", "new line in the composer"),
        .. ticketTarget ? [("Tab", "switch the composer target: Companion / Ticket Planning")] : Array.Empty<(string, string)>(),
        ("/", ticketsShown ? "filter rows by Ticket id, title or Pod name" : "filter rows by Pod name"),
        .. ticketsShown ? [("Ctrl+R", "reclaim the selected Ticket from its stale Pod (asks y/n)")] : Array.Empty<(string, string)>(),
        ("Delete", "remove the selected stopped Pod (press twice; its session log is kept)"),
        ("F2", "details of the last error"),
        ("Esc", "clear the filter, then the row selection"),
        ("? or F1", "this help (blank composer)"),
        ("q Ctrl+C Ctrl+D", "quit; every Pod keeps running (q on a blank composer)"),
    ];

    /// <summary>The overlay's body for an inner width: meanings wrap under their own column.</summary>
    public static IReadOnlyList<string> Lines(bool ticketTarget, bool ticketsShown, int innerWidth = 96)
    {
        var lines = new List<string>();
        var indent = new string(' ', KeyColumn);
        foreach (var (keys, meaning) in Entries(ticketTarget, ticketsShown))
        {
            var wrapped = CellWidth.Wrap(meaning, Math.Max(10, innerWidth - KeyColumn));
            for (var i = 0; i < wrapped.Count; i++)
                lines.Add((i == 0 ? CellWidth.PadRight(keys, KeyColumn) : indent) + wrapped[i]);
        }
        lines.Add("");
        lines.Add("?/F1/Esc: close");
        return lines;
    }

    /// <summary>Draws the overlay over whatever is in <paramref name="frame"/>.</summary>
    public static void Render(Frame frame, bool ticketTarget, bool ticketsShown)
    {
        var width = Math.Max(20, Math.Min(100, frame.Width - 4));
        var lines = Lines(ticketTarget, ticketsShown, width - 4);
        var height = Math.Max(8, Math.Min(lines.Count + 2, frame.Height - 2));
        var box = Popup.Centre(frame.Bounds, width, height);
        Popup.Render(frame, box, Title, lines, PanelStyles.Hint, default);
    }
}
