using Yoi.Tui.Screens.Panel;
using Yoi.Tui.Terminal;

namespace Yoi.Tests.Tui.Screens.Panel;

/// <summary>Painting a panel state into a frame and finding lines in it, for the painter tests (<c>using static</c>).</summary>
internal static class PanelFrames
{
    public static Frame Paint(PanelScreenState state, int width = 80, int height = 24)
    {
        var frame = new Frame(width, height);
        PanelPainter.Render(state, frame);
        return frame;
    }

    /// <summary>The index of the first line containing <paramref name="text"/>; fails with the frame when there is none.</summary>
    public static int LineOf(Frame frame, string text)
    {
        var lines = frame.ToPlainText().Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        Assert.That(index, Is.GreaterThanOrEqualTo(0), $"\"{text}\" is on screen:\n{frame.ToPlainText()}");
        return index;
    }

    /// <summary>The index of the first line starting with <paramref name="prefix"/>; fails with the frame when there is none.</summary>
    public static int LineStarting(Frame frame, string prefix)
    {
        var lines = frame.ToPlainText().Split('\n');
        var index = Array.FindIndex(lines, l => l.StartsWith(prefix, StringComparison.Ordinal));
        Assert.That(index, Is.GreaterThanOrEqualTo(0), $"a line starting \"{prefix}\":\n{frame.ToPlainText()}");
        return index;
    }
}
