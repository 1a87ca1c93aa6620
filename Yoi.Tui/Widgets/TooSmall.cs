using Yoi.Tui.Terminal;

namespace Yoi.Tui.Widgets;

/// <summary>The minimum terminal size and the screen shown below it.</summary>
public static class TooSmall
{
    public const int MinWidth = 60;
    public const int MinHeight = 16;

    public static bool Applies(int width, int height) => width < MinWidth || height < MinHeight;

    public static string Message(int width, int height) =>
        $"terminal too small ({width}×{height}); need {MinWidth}×{MinHeight}";

    /// <summary>Clears the frame and draws the message (wrapped when narrow), centred.</summary>
    public static void Render(Frame frame, Style style = default)
    {
        frame.Clear();
        if (frame.Width == 0 || frame.Height == 0) return;
        var lines = CellWidth.Wrap(Message(frame.Width, frame.Height), frame.Width);
        var top = Math.Max(0, (frame.Height - lines.Count) / 2);
        for (var i = 0; i < lines.Count && top + i < frame.Height; i++)
        {
            var x = Math.Max(0, (frame.Width - CellWidth.Of(lines[i])) / 2);
            frame.Write(x, top + i, lines[i], style);
        }
    }
}
