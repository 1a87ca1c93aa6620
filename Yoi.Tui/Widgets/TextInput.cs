using System.Globalization;
using System.Text;
using Yoi.Tui.Terminal;

namespace Yoi.Tui.Widgets;

/// <summary>
/// A multi-line text editor (the composer). The cursor is an index into <see cref="Text"/> that always sits on a
/// grapheme boundary. Alt+Enter or Ctrl+J inserts a newline; plain Enter is left to the screen (send).
/// Rendering wraps long lines at the cell width, prefixes the first line with "> " and the others with two spaces,
/// scrolls to keep the cursor visible and places the terminal cursor.
/// </summary>
public sealed class TextInput
{
    public const int PrefixWidth = 2;
    private string _text = "";

    public string Text
    {
        get => _text;
        set
        {
            _text = Sanitize(value);
            CursorIndex = _text.Length;
        }
    }

    /// <summary>Cursor position as a UTF-16 index into <see cref="Text"/> (on a grapheme boundary).</summary>
    public int CursorIndex { get; private set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(_text);

    /// <summary>Dim text shown when empty.</summary>
    public string Placeholder { get; set; } = "";

    public void Clear()
    {
        _text = "";
        CursorIndex = 0;
    }

    /// <summary>Applies an editing key; returns false for keys the composer does not use (plain Enter, Esc, Tab, F-keys,
    /// Up on the first line, Down on the last line).</summary>
    public bool HandleKey(Key key)
    {
        if (key.IsPrintable) { Insert(key.Text); return true; }
        switch (key.Code)
        {
            case KeyCode.Enter when (key.Mods & (KeyMods.Alt | KeyMods.Ctrl)) != 0: Insert("\n"); return true;
            case KeyCode.Backspace: Backspace(); return true;
            case KeyCode.Delete: Delete(); return true;
            case KeyCode.Left: CursorIndex = PreviousBoundary(CursorIndex); return true;
            case KeyCode.Right: CursorIndex = NextBoundary(CursorIndex); return true;
            case KeyCode.Home: CursorIndex = LineStart(CursorIndex); return true;
            case KeyCode.End: CursorIndex = LineEnd(CursorIndex); return true;
            case KeyCode.Up: return MoveLine(-1);
            case KeyCode.Down: return MoveLine(1);
        }
        if (key.IsCtrl('a')) { CursorIndex = LineStart(CursorIndex); return true; }
        if (key.IsCtrl('e')) { CursorIndex = LineEnd(CursorIndex); return true; }
        if (key.IsCtrl('u')) { var start = LineStart(CursorIndex); _text = _text.Remove(start, CursorIndex - start); CursorIndex = start; return true; }
        return false;
    }

    public void Insert(string text)
    {
        var clean = Sanitize(text);
        _text = _text.Insert(CursorIndex, clean);
        CursorIndex += clean.Length;
    }

    public void Backspace()
    {
        var previous = PreviousBoundary(CursorIndex);
        _text = _text.Remove(previous, CursorIndex - previous);
        CursorIndex = previous;
    }

    public void Delete()
    {
        var next = NextBoundary(CursorIndex);
        _text = _text.Remove(CursorIndex, next - CursorIndex);
    }

    /// <summary>Rows the text takes when drawn <paramref name="width"/> cells wide (at least 1).</summary>
    public int MeasureHeight(int width) => Layout(width, out _, out _).Count;

    /// <summary>Draws into <paramref name="area"/>; when <paramref name="focused"/>, puts the terminal cursor at the caret.</summary>
    public void Render(Frame frame, Rect area, Style promptStyle, Style textStyle, bool focused = true)
    {
        if (area.IsEmpty) return;
        frame.Fill(area);
        var rows = Layout(area.Width, out var cursorRow, out var cursorColumn);
        var top = Math.Max(0, cursorRow - area.Height + 1);
        for (var i = 0; i < area.Height && top + i < rows.Count; i++)
        {
            var (start, end) = rows[top + i];
            var y = area.Y + i;
            frame.Write(area.X, y, top + i == 0 ? "> " : "  ", promptStyle, area.Right);
            if (_text.Length == 0 && top + i == 0 && Placeholder.Length > 0)
                frame.Write(area.X + PrefixWidth, y, CellWidth.Truncate(Placeholder, area.Width - PrefixWidth), default(Style).Dim(), area.Right);
            else
                frame.Write(area.X + PrefixWidth, y, _text[start..end], textStyle, area.Right);
        }
        if (focused)
        {
            var x = Math.Min(area.X + PrefixWidth + cursorColumn, area.Right - 1);
            frame.Cursor = (x, area.Y + cursorRow - top);
        }
    }

    /// <summary>Visual rows as [start, end) index ranges, with the caret's row and column (in cells after the prefix).</summary>
    private List<(int Start, int End)> Layout(int width, out int cursorRow, out int cursorColumn)
    {
        var content = Math.Max(1, width - PrefixWidth);
        var rows = new List<(int, int)>();
        cursorRow = 0;
        cursorColumn = 0;
        var lineStart = 0;
        while (true)
        {
            var lineEnd = _text.IndexOf('\n', lineStart);
            if (lineEnd < 0) lineEnd = _text.Length;
            var rowStart = lineStart;
            var used = 0;
            var i = lineStart;
            while (i < lineEnd)
            {
                var length = StringInfo.GetNextTextElementLength(_text.AsSpan(i, lineEnd - i));
                var w = CellWidth.OfGrapheme(_text.AsSpan(i, length));
                if (used + w > content && used > 0)
                {
                    rows.Add((rowStart, i));
                    rowStart = i;
                    used = 0;
                }
                if (i == CursorIndex) { cursorRow = rows.Count; cursorColumn = used; }
                used += w;
                i += length;
            }
            if (used >= content && used > 0)
            {
                // A full last row: the caret after it goes on a fresh row.
                rows.Add((rowStart, lineEnd));
                rowStart = lineEnd;
                used = 0;
            }
            if (CursorIndex == lineEnd) { cursorRow = rows.Count; cursorColumn = used; }
            rows.Add((rowStart, lineEnd));
            if (lineEnd >= _text.Length) break;
            lineStart = lineEnd + 1;
        }
        return rows;
    }

    private bool MoveLine(int direction)
    {
        var start = LineStart(CursorIndex);
        var column = CellWidth.Of(_text[start..CursorIndex]);
        int targetStart;
        if (direction < 0)
        {
            if (start == 0) return false;
            targetStart = LineStart(start - 1);
        }
        else
        {
            var end = LineEnd(CursorIndex);
            if (end >= _text.Length) return false;
            targetStart = end + 1;
        }
        var targetEnd = LineEnd(targetStart);
        var index = targetStart;
        var used = 0;
        while (index < targetEnd)
        {
            var next = NextBoundary(index);
            var w = CellWidth.OfGrapheme(_text.AsSpan(index, next - index));
            if (used + w > column) break;
            used += w;
            index = next;
        }
        CursorIndex = index;
        return true;
    }

    private int LineStart(int index) => index == 0 ? 0 : _text.LastIndexOf('\n', index - 1) + 1;

    private int LineEnd(int index)
    {
        var end = _text.IndexOf('\n', index);
        return end < 0 ? _text.Length : end;
    }

    private int NextBoundary(int index) =>
        index >= _text.Length ? _text.Length : index + StringInfo.GetNextTextElementLength(_text.AsSpan(index));

    private int PreviousBoundary(int index)
    {
        if (index <= 0) return 0;
        var boundary = LineStart(index) == index ? index - 1 : LineStart(index);
        if (boundary == index - 1 && _text[boundary] == '\n') return boundary;
        var previous = boundary;
        while (boundary < index)
        {
            previous = boundary;
            boundary = NextBoundary(boundary);
        }
        return previous;
    }

    private static string Sanitize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.Replace("\r\n", "\n").Replace('\r', '\n').Replace('\t', ' '))
            if (c == '\n' || !char.IsControl(c)) sb.Append(c);
        return sb.ToString();
    }
}
