using Yoi.Tui.Terminal;

namespace Yoi.Tui.Screens.Panel;

/// <summary>The last lines of the selected Pod's transcript for the details pane; <see cref="Live"/> while streaming.</summary>
public sealed record PanelPreview(string PodName, bool Live, IReadOnlyList<Span> Lines)
{
    public const int MaxLines = 40;
}
