using Yoi.Tui.Terminal;

namespace Yoi.Tui.Screens.Panel;

/// <summary>
/// Draws the diff view over the list and details regions: a heading (branch, base, counts, which lines are shown), then
/// the stat with its <c>+</c> run green and <c>-</c> run red, then the patch: file headers bold, <c>@@</c> hunk lines
/// cyan, added lines green, removed lines red. Long lines wrap. Colours go through the frame's styles, so
/// <c>NO_COLOR</c> (the renderer) drops them and bold stays. The text is made safe first (<see cref="PlainText"/>: a
/// file's escape sequences are never sent to the terminal).
/// </summary>
public static class PanelDiffPainter
{
    /// <summary>At most this many patch lines are shown; the last line says how many more <c>yoi pod diff</c> has.</summary>
    public const int MaxLines = 20_000;

    private static readonly Style Added = PanelStyles.Good;
    private static readonly Style Removed = PanelStyles.Failed;
    private static readonly Style Hunk = PanelStyles.ActiveWork;
    private static readonly Style FileHeader = PanelStyles.Bold;

    /// <summary>The styled lines of <paramref name="patch"/> for <paramref name="width"/> cells.</summary>
    public static IReadOnlyList<IReadOnlyList<Span>> Lines(string pod, string patch, int width)
    {
        var raw = PlainText.Clean(patch).Split('\n');
        var result = new List<IReadOnlyList<Span>>(Math.Min(raw.Length, MaxLines) + 1);
        var inStat = true;
        var inHunk = false;
        for (var i = 0; i < raw.Length && i < MaxLines; i++)
        {
            var line = raw[i];
            if (line.StartsWith("diff --git ", StringComparison.Ordinal))
            {
                inStat = false;
                inHunk = false;
            }
            else if (!inStat && line.StartsWith("@@", StringComparison.Ordinal)) inHunk = true;
            if (inStat)
            {
                result.Add(StatLine(line));
                continue;
            }
            var style = line switch
            {
                _ when line.StartsWith("@@", StringComparison.Ordinal) => Hunk,
                _ when !inHunk => FileHeader,
                ['+', ..] => Added,
                ['-', ..] => Removed,
                ['\\', ..] => PanelStyles.Hint,
                _ => default,
            };
            foreach (var piece in line.Length == 0 ? [""] : CellWidth.Wrap(line, Math.Max(10, width)))
                result.Add([new Span(piece, style)]);
        }
        if (raw.Length > MaxLines)
            result.Add([new Span($"… {raw.Length - MaxLines} more lines; `yoi pod diff {pod}` shows them all", PanelStyles.Warning)]);
        return result;
    }

    /// <summary>A <c>--stat</c> line: <c> path | 3 ++-</c> with the pluses green and the minuses red; the summary line dim.</summary>
    private static IReadOnlyList<Span> StatLine(string line)
    {
        var bar = line.LastIndexOf(" | ", StringComparison.Ordinal);
        if (bar < 0) return [new Span(line, PanelStyles.Hint)];
        var graph = line[(bar + 3)..];
        var firstMark = graph.IndexOfAny(['+', '-']);
        if (firstMark < 0) return [new Span(line, default)];
        var pluses = graph[firstMark..].TakeWhile(c => c == '+').Count();
        return
        [
            new Span(line[..(bar + 3)] + graph[..firstMark], default),
            new Span(graph.Substring(firstMark, pluses), Added),
            new Span(graph[(firstMark + pluses)..], Removed),
        ];
    }

    /// <summary>Draws <paramref name="view"/> over <paramref name="area"/>: the heading line, then the lines from the view's offset.</summary>
    public static void Render(Frame frame, Rect area, PanelDiffView view)
    {
        frame.Fill(area);
        if (area.Height <= 0) return;
        var lines = view.Lines(area.Width);
        var body = Math.Max(0, area.Height - 1);
        view.LineCount = Math.Max(1, lines.Count - body + 1);
        var start = Math.Min(view.Offset, Math.Max(0, lines.Count - 1));
        var shown = Math.Min(body, lines.Count - start);
        var d = view.Delegation;
        List<Span> heading = [new Span($"Diff {d.Branch} → {d.BaseBranch}", PanelStyles.Bold)];
        if (view.Patch is { Length: > 0 })
            heading.Add(new Span($" · lines {start + 1}–{start + shown} of {lines.Count}", PanelStyles.Hint));
        if (view.Summary?.Counts is not null)
        {
            heading.Add(new Span(" · ", PanelStyles.Hint));
            heading.AddRange(PanelChildPainter.SummarySpans(view.Summary));
        }
        heading.Add(new Span($" · child Pod {view.Pod}", PanelStyles.Hint));
        frame.Write(area.X, area.Y, heading, area.Right);
        for (var i = 0; i < shown; i++)
            frame.Write(area.X, area.Y + 1 + i, lines[start + i], area.Right);
    }
}
