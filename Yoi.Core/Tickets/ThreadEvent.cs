namespace Yoi.Core.Tickets;

/// <summary>One parsed <c>thread.md</c> event. <see cref="Attributes"/> keeps every header pair in order.</summary>
public sealed record ThreadEvent(
    string Kind,
    string? Heading,
    string Body,
    IReadOnlyList<KeyValuePair<string, string>> Attributes,
    int Line)
{
    public string? Attribute(string key) =>
        Attributes.FirstOrDefault(a => a.Key == key) is { Key: not null } pair ? pair.Value : null;

    public string? Author => Attribute("author");

    public string? At => Attribute("at");

    public string? Status => Attribute("status");

    public string? From => Attribute("from");

    public string? To => Attribute("to");

    public string? Reason => Attribute("reason");

    public string? Field => Attribute("field");
}

/// <summary>An event to append: kind, header attributes (after <c>event</c>), heading and body.</summary>
public sealed record NewThreadEvent(string Kind, IReadOnlyList<KeyValuePair<string, string>> Attributes, string Heading, string Body);
