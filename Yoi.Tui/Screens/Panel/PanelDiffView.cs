using Yoi.Core.Delegation;
using Yoi.Tui.Terminal;

namespace Yoi.Tui.Screens.Panel;

/// <summary>
/// The diff view's state (<c>d</c> on a child row): which child, its delegation record and summary as the list showed
/// them, the patch text once loaded (null while loading), and the scroll position. The lines for a width are built
/// once and kept until the width or the text changes.
/// </summary>
public sealed class PanelDiffView(string pod, ChildDelegation delegation, ChildSummary? summary) : PanelScrolledView
{
    private (int Width, string Text, IReadOnlyList<IReadOnlyList<Span>> Lines)? _lines;

    public string Pod { get; } = pod;

    public ChildDelegation Delegation { get; } = delegation;

    public ChildSummary? Summary { get; } = summary;

    /// <summary><c>git diff --stat --patch base...branch</c> as Core returned it (no colour), or null while it loads.</summary>
    public string? Patch { get; set; }

    /// <summary>The patch's lines styled and wrapped to <paramref name="width"/> cells (cached).</summary>
    public IReadOnlyList<IReadOnlyList<Span>> Lines(int width)
    {
        var text = Patch ?? "";
        if (_lines is { } cached && cached.Width == width && ReferenceEquals(cached.Text, text)) return cached.Lines;
        var lines = Patch is null ? [[new Span("reading the diff…", PanelStyles.Hint)]]
            : Patch.Length == 0 ? [[new Span($"{Delegation.Branch} has no changes against {Delegation.BaseBranch}.", PanelStyles.Hint)]]
            : PanelDiffPainter.Lines(Pod, text, width);
        _lines = (width, text, lines);
        return lines;
    }
}
