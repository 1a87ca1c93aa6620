using Yoi.Tui.Terminal;

namespace Yoi.Tests.Tui.Terminal;

public class FrameTests
{
    [Test]
    public void Write_clips_at_the_right_edge()
    {
        var frame = new Frame(5, 1);
        var end = frame.Write(2, 0, "abcdef");
        Assert.That(frame.ToPlainText(), Is.EqualTo("  abc"));
        Assert.That(end, Is.EqualTo(5));
    }

    [Test]
    public void A_wide_character_that_does_not_fit_becomes_a_space()
    {
        var frame = new Frame(5, 1);
        frame.Write(0, 0, "ab日本", new Style(Color.Red));
        Assert.That(frame.ToPlainText(), Is.EqualTo("ab日"));
        Assert.That(frame.TextAt(4, 0), Is.EqualTo(" "));
        Assert.That(frame.StyleAt(4, 0), Is.EqualTo(new Style(Color.Red)), "the gap keeps the text's style");
    }

    [Test]
    public void A_wide_character_takes_a_lead_and_a_continuation_cell()
    {
        var frame = new Frame(4, 1);
        frame.Write(0, 0, "日x");
        Assert.Multiple(() =>
        {
            Assert.That(frame.TextAt(0, 0), Is.EqualTo("日"));
            Assert.That(frame.IsContinuation(1, 0), Is.True);
            Assert.That(frame.TextAt(2, 0), Is.EqualTo("x"));
        });
    }

    [Test]
    public void Overwriting_half_of_a_wide_character_blanks_the_other_half()
    {
        var frame = new Frame(6, 1);
        frame.Write(0, 0, "日本語");
        frame.Write(1, 0, "a"); // right half of 日
        frame.Write(4, 0, "b"); // left half of 語
        Assert.That(frame.ToPlainText(), Is.EqualTo(" a本b"));
        Assert.That(frame.IsContinuation(5, 0), Is.False);
    }

    [Test]
    public void Write_respects_a_given_right_limit_and_drops_control_characters()
    {
        var frame = new Frame(10, 1);
        frame.Write(0, 0, "ab\u001b[2Jcdef", maxX: 4);
        Assert.That(frame.ToPlainText(), Is.EqualTo("ab[2"));
    }

    [Test]
    public void Combining_marks_stay_with_their_base_character()
    {
        var frame = new Frame(3, 1);
        frame.Write(0, 0, "e\u0301x");
        Assert.That(frame.TextAt(0, 0), Is.EqualTo("e\u0301"));
        Assert.That(frame.TextAt(1, 0), Is.EqualTo("x"));
        var kana = new Frame(4, 1);
        kana.Write(0, 0, "か\u3099x");
        Assert.That(kana.TextAt(0, 0), Is.EqualTo("か\u3099"));
        Assert.That(kana.TextAt(2, 0), Is.EqualTo("x"));
    }

    [Test]
    public void Fill_and_Clear_reset_cells()
    {
        var frame = new Frame(4, 2);
        frame.Write(0, 0, "abcd");
        frame.Fill(new Rect(1, 0, 2, 2), new Style(Bg: Color.Blue));
        Assert.That(frame.ToPlainText(), Is.EqualTo("a  d\n"));
        Assert.That(frame.StyleAt(2, 1).Bg, Is.EqualTo(Color.Blue));
        frame.Cursor = (1, 1);
        frame.Clear();
        Assert.That(frame.ToPlainText(), Is.EqualTo("\n"));
        Assert.That(frame.StyleAt(2, 1), Is.EqualTo(Style.Plain));
        Assert.That(frame.Cursor, Is.Null);
    }

    [Test]
    public void Style_text_gives_one_letter_per_distinct_style_with_a_legend()
    {
        var frame = new Frame(6, 2);
        frame.Write(0, 0, "▶ ", new Style(Color.Magenta, Attr: TextAttr.Bold));
        frame.Write(2, 0, "日本", Color.Magenta);
        frame.Write(0, 1, "ok", new Style(Color.Green));
        Assert.That(frame.ToStyleText(), Is.EqualTo("aabbbb\ncc\na: fg=magenta bold\nb: fg=magenta\nc: fg=green"));
    }

    [Test]
    public void A_default_style_is_plain_text_not_black_on_black()
    {
        Assert.That(new Style().Fg.IsDefault && new Style().Bg.IsDefault, Is.True);
        Assert.That(Color.Index(0).IsDefault, Is.False);
    }
}
