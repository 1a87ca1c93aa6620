namespace Yoi.Core.Tickets;

/// <summary>A frontmatter value: null, a string, or a list of strings (the only shapes a Ticket allows).</summary>
public sealed record FrontmatterValue
{
    private FrontmatterValue(string? text, IReadOnlyList<string>? list)
    {
        Text = text;
        List = list;
    }

    public static FrontmatterValue Null { get; } = new(null, null);

    public string? Text { get; }

    public IReadOnlyList<string>? List { get; }

    public bool IsNull => Text is null && List is null;

    public static FrontmatterValue Of(string text) => new(text, null);

    public static FrontmatterValue Of(IReadOnlyList<string> list) => new(null, list);

    /// <summary>Display form: the string, <c>['a', 'b']</c> for lists, <c>null</c> for null.</summary>
    public string Display() => List is not null
        ? "[" + string.Join(", ", List.Select(Frontmatter.Quote)) + "]"
        : Text ?? "null";

    /// <summary>The YAML form we write: single-quoted strings, flow lists of single-quoted strings, bare null.</summary>
    public string Render() => List is not null
        ? "[" + string.Join(", ", List.Select(Frontmatter.Quote)) + "]"
        : Text is null ? "null" : Frontmatter.Quote(Text);

    public bool Equals(FrontmatterValue? other) =>
        other is not null && Text == other.Text
        && (List is null ? other.List is null : other.List is not null && List.SequenceEqual(other.List));

    public override int GetHashCode() => HashCode.Combine(Text, List?.Count);
}
