using Yoi.Tui.Terminal;
using Yoi.Tui.Widgets;

namespace Yoi.Tui.Screens.Panel;

/// <summary>The help overlay (<c>?</c> or F1 on a blank composer): the panel's keys (<see cref="PanelKeyTable"/>) and
/// what each row marker means, drawn as a centred popup.</summary>
public static class PanelHelp
{
    public const string Title = "Panel keys";
    private const int KeyColumn = 16;

    /// <summary>The overlay's body for an inner width: meanings wrap under their own column.</summary>
    public static IReadOnlyList<string> Lines(PanelScreenState state, int innerWidth = 96)
    {
        var lines = new List<string>();
        var indent = new string(' ', KeyColumn);
        foreach (var (keys, meaning) in PanelKeyTable.HelpEntries(state))
        {
            var wrapped = CellWidth.Wrap(meaning, Math.Max(10, innerWidth - KeyColumn));
            for (var i = 0; i < wrapped.Count; i++)
                lines.Add((i == 0 ? CellWidth.PadRight(keys, KeyColumn) : indent) + wrapped[i]);
        }
        lines.Add("");
        foreach (var (marker, meaning) in PanelWords.Markers)
        {
            var wrapped = CellWidth.Wrap(meaning, Math.Max(10, innerWidth - KeyColumn));
            for (var i = 0; i < wrapped.Count; i++)
                lines.Add((i == 0 ? CellWidth.PadRight(marker, KeyColumn) : indent) + wrapped[i]);
        }
        lines.Add("");
        lines.Add("?/F1/Esc: close");
        return lines;
    }

    /// <summary>Draws the overlay over whatever is in <paramref name="frame"/>.</summary>
    public static void Render(Frame frame, PanelScreenState state)
    {
        var width = Math.Max(20, Math.Min(100, frame.Width - 4));
        var lines = Lines(state, width - 4);
        var height = Math.Max(8, Math.Min(lines.Count + 2, frame.Height - 2));
        var box = Popup.Centre(frame.Bounds, width, height);
        Popup.Render(frame, box, Title, lines, PanelStyles.Hint, default);
    }
}
