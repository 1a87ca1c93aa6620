using Yoi.Tui.Terminal;

namespace Yoi.Tests.Tui.Terminal;

public class CellWidthTests
{
    [TestCase("abc", 3)]
    [TestCase("", 0)]
    [TestCase("日本語", 6)]
    [TestCase("ワークスペース", 14)]
    [TestCase("한국어", 6)]
    [TestCase("ｶﾀｶﾅ", 4)]
    [TestCase("ＡＢ", 4)]
    [TestCase("ー〜", 4)]
    [TestCase("e\u0301", 1)]
    [TestCase("🚀", 2)]
    [TestCase("👍🏽", 2)]
    [TestCase("👨‍👩‍👧", 2)]
    [TestCase("🇯🇵", 2)]
    [TestCase("❤\uFE0F", 2)]
    [TestCase("✔①─┐…", 5)]
    [TestCase("a\tb\u001b[31m", 6)] // tab and ESC are 0; "[31m" is plain text
    [TestCase("\u200B", 0)]
    [TestCase("か\u3099き", 4)] // combining dakuten joins the kana before it
    [TestCase("\u1100\u1161", 2)] // Hangul jamo L+V form one syllable
    [TestCase("a\u0301b", 2)]
    public void Width_is_counted_per_grapheme_in_terminal_cells(string text, int expected) =>
        Assert.That(CellWidth.Of(text), Is.EqualTo(expected));

    [Test]
    public void Truncate_keeps_text_that_fits() =>
        Assert.That(CellWidth.Truncate("日本語", 6), Is.EqualTo("日本語"));

    [TestCase("日本語のタイトル", 7, "日本語…")]
    [TestCase("日本語のタイトル", 6, "日本…")]
    [TestCase("abc日本", 5, "abc…")]
    [TestCase("abcdef", 4, "abc…")]
    [TestCase("abcdef", 1, "…")]
    [TestCase("abcdef", 0, "")]
    [TestCase("👨‍👩‍👧👨‍👩‍👧", 3, "👨‍👩‍👧…")]
    [TestCase("e\u0301e\u0301e\u0301", 2, "e\u0301…")]
    public void Truncate_ends_with_an_ellipsis_and_never_splits_a_wide_character(string text, int width, string expected)
    {
        var cut = CellWidth.Truncate(text, width);
        Assert.That(cut, Is.EqualTo(expected));
        Assert.That(CellWidth.Of(cut), Is.LessThanOrEqualTo(width));
    }

    [Test]
    public void PadRight_fills_to_exactly_the_width_even_after_a_wide_cut()
    {
        Assert.That(CellWidth.PadRight("日本", 6), Is.EqualTo("日本  "));
        Assert.That(CellWidth.PadRight("日本語", 4), Is.EqualTo("日… "));
        Assert.That(CellWidth.Of(CellWidth.PadRight("日本語", 4)), Is.EqualTo(4));
    }

    [Test]
    public void Wrap_breaks_at_spaces_and_keeps_wide_characters_whole()
    {
        Assert.That(CellWidth.Wrap("alpha beta gamma", 10), Is.EqualTo(new[] { "alpha beta", "gamma" }));
        Assert.That(CellWidth.Wrap("日本語日本語", 5), Is.EqualTo(new[] { "日本", "語日", "本語" }));
        Assert.That(CellWidth.Wrap("a\nb", 10), Is.EqualTo(new[] { "a", "b" }));
    }
}
