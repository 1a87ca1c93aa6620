using Yoi.Core.Panel;
using Yoi.Tui.Terminal;
using Yoi.Tui.Widgets;

namespace Yoi.Tui.Screens.Panel;

/// <summary>
/// The dense list's columns for one model and width: marker (2), state, id (the shortest unique prefix), title
/// (what is left), claim / Pod status, gate and ✉ pending. Pod and "Needs you" rows use the state+id span for
/// their state words. One instance per frame; every row painter and the header line share it, so columns line up.
/// </summary>
public readonly record struct PanelColumns(int X, int State, int Id, int Title, int Claim, int Gate, int Mail)
{
    public const int Marker = 2;
    public const int MinStatusSpan = 13;

    public static PanelColumns For(PanelModel model, Rect area)
    {
        var state = Math.Clamp(model.StateLabelWidth, 5, 10);
        // The state+id span also holds a Pod's state words; "done · unseen" (13 cells) must fit.
        var id = Math.Max(Math.Clamp(model.TicketIdWidth, 4, 13), MinStatusSpan - state - 1);
        var claim = area.Width >= 110 ? 24 : area.Width >= 90 ? 16 : 12;
        const int gate = 6, mail = 3;
        var title = area.Width - Marker - (state + 1) - (id + 1) - 1 - (claim + 1) - (gate + 1) - mail;
        if (title < 16)
        {
            claim = Math.Max(6, claim - (16 - title));
            title = Math.Max(4, area.Width - Marker - (state + 1) - (id + 1) - 1 - (claim + 1) - (gate + 1) - mail);
        }
        return new PanelColumns(area.X, state, id, title, claim, gate, mail);
    }

    public int StateX => X + Marker;
    public int IdX => StateX + State + 1;
    public int TitleX => IdX + Id + 1;
    public int ClaimX => TitleX + Title + 1;
    public int GateX => ClaimX + Claim + 1;
    public int MailX => GateX + Gate + 1;

    /// <summary>Width of the state and id columns together (Pod state words, "Needs you" reasons).</summary>
    public int StatusSpan => State + 1 + Id;

    /// <summary>Width of claim, gate and ✉ together.</summary>
    public int RightSpan => Claim + 1 + Gate + 1 + Mail;

    /// <summary>Writes <paramref name="text"/> into the cell at <paramref name="x"/> of <paramref name="width"/> cells, cut with …</summary>
    public static void Cell(Frame frame, int x, int y, int width, string text, Style style, bool alignRight = false)
    {
        if (width <= 0 || text.Length == 0) return;
        var cut = CellWidth.Truncate(text, width);
        var start = alignRight ? x + width - CellWidth.Of(cut) : x;
        frame.Write(start, y, cut, style, x + width);
    }

    /// <summary>The column header line.</summary>
    public void DrawHeader(Frame frame, int y, int right, bool ticketsShown)
    {
        var style = PanelStyles.Header;
        if (ticketsShown)
        {
            Cell(frame, StateX, y, State, "state", style);
            Cell(frame, IdX, y, Id, "id", style);
            Cell(frame, TitleX, y, Title, "title · Pod", style);
            Cell(frame, ClaimX, y, Claim, "claim · role", style);
            Cell(frame, GateX, y, Gate, "gate", style);
        }
        else
        {
            Cell(frame, StateX, y, StatusSpan, "state", style);
            Cell(frame, TitleX, y, Title, "Pod", style);
            Cell(frame, ClaimX, y, Claim, "role", style);
            Cell(frame, GateX, y, Gate, "peers", style);
        }
        Cell(frame, MailX, y, Math.Min(Mail, right - MailX), "✉", style, alignRight: true);
    }
}
