namespace Yoi.Core.Tickets;

/// <summary>Text the backend generates, in the configured record language (English or Japanese).</summary>
public sealed class TicketTexts(bool japanese)
{
    public bool Japanese { get; } = japanese;

    public static bool IsJapanese(string? language)
    {
        var value = language?.Trim();
        return !string.IsNullOrEmpty(value)
            && (value.Equals("japanese", StringComparison.OrdinalIgnoreCase) || value.Equals("ja", StringComparison.OrdinalIgnoreCase)
                || value.Equals("ja-JP", StringComparison.OrdinalIgnoreCase) || value.Contains("日本語", StringComparison.Ordinal));
    }

    public string DefaultBody => Japanese
        ? "## 背景\n\n- 未定\n\n## 受け入れ条件\n\n- 未定\n"
        : "## Background\n\n- TBD\n\n## Acceptance criteria\n\n- TBD\n";

    public string CreateBody => Japanese ? "Ticket を作成しました。" : "Ticket created.";

    public string QueuedBody(string actor) => Japanese ? $"Ticket を `{actor}` が queued にしました。\n" : "Ticket queued for Orchestrator routing.\n";

    public string ClosedBody => Japanese ? "Ticket を closed にしました。\n" : "Ticket closed.\n";

    public string ReadyBody(TicketState from) => Japanese
        ? $"Ticket planning が完了しました。state {from.Name()} -> ready。\n"
        : $"Ticket planning complete; state {from.Name()} -> ready.\n";
}
