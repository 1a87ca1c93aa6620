using System.Text;

namespace Yoi.Corpus;

/// <summary>The language of one generated record: its title, body and the headings the backend writes.</summary>
public enum RecordLanguage
{
    English,
    Japanese,
    Mixed,
}

/// <summary>
/// Word pools and builders for titles and Markdown bodies. All text is written for this project (none is copied from
/// a real record); it mixes English, Japanese (CJK, full-width punctuation) and code-ish fragments the way real
/// Tickets do, so widths, wrapping and UTF-8 handling get the same exercise.
/// </summary>
internal static class CorpusText
{
    private static readonly string[] Areas =
        ["Panel", "TUI", "Pod", "Ticket", "Orchestrator", "Intake", "Plugin", "Prompt", "Permission", "Session log", "E2E", "Bench", "Companion", "Registry"];

    private static readonly string[] EnglishTopics =
    [
        "keep the selection after a reload", "show stale claims with their reason", "retry the flaky upload step",
        "stop the Pod cleanly on quit", "measure the first frame of the panel", "document the session log format",
        "add a filter for queued work", "reclaim an orphaned Intake Pod", "validate relations before writing",
        "render wide characters without splitting them", "make doctor name the broken file", "trim the status line to the width",
        "persist the composer draft across restarts", "route queued Tickets to the Orchestrator", "detect a hung socket within the budget",
        "don't drop the user's draft on resize", "rename \"Work item\" to Ticket everywhere", "split the loader into small parts",
        "fold repeated notifications", "explain why Queue is disabled",
    ];

    private static readonly string[] JapaneseTopics =
    [
        "選択位置をリロード後も保持する", "古いクレームを理由付きで表示する", "日本語タイトルの幅計算を修正する",
        "終了時に Pod を安全に停止する", "通知の既読管理を追加する", "ログイン画面のエラー表示を改善する",
        "検索インデックスを再構築する", "一覧の並び順を安定させる", "セッションログの形式を文書化する",
        "キュー投入の理由を表示する", "孤立した Intake Pod を回収する", "関係ファイルを書き込み前に検証する",
        "全角文字（ひらがな・カタカナ・漢字）の切り詰め", "設定ファイルの読み込み失敗を一行で伝える", "半自動開発運用の手順を整理する",
        "レビュー指摘の修正ループを短くする", "起動時間を計測して改善する", "権限スコープの永続化を見直す",
    ];

    private static readonly string[] EnglishSentences =
    [
        "The panel reloads every two seconds and must not lose the selected row.",
        "A record that cannot be parsed becomes a placeholder with a short reason.",
        "Keep the change small and make every write atomic.",
        "The Orchestrator routes queued work; it never starts work on its own.",
        "Measure before and after, and write the figures down.",
        "Wide characters take two cells and are never split at the edge.",
        "The user sees one clear error that names the file and the next step.",
        "Nothing in the git-tracked files may name a local Pod or socket.",
        "A stale claim is shown with its reason and can be reclaimed.",
        "Reviews happen in a separate Pod with a read-only scope.",
        "The thread is audit history; item.md holds the current state.",
        "Tests use real files, real processes and a real terminal.",
    ];

    private static readonly string[] JapaneseSentences =
    [
        "パネルは二秒ごとに再読み込みし、選択中の行を失わないこと。",
        "解析できない記録は、短い理由つきのプレースホルダーとして表示する。",
        "変更は小さく保ち、すべての書き込みをアトミックにする。",
        "Orchestrator はキューに入った作業を振り分けるだけで、自分から作業を始めない。",
        "計測してから直し、数値を記録する。",
        "全角文字は二セル幅で、端で分割してはならない。",
        "利用者にはファイル名と次の手順を含む一つのエラーを見せる。",
        "git 管理下のファイルにローカルの Pod 名やソケットを書かない。",
        "古いクレームは理由とともに表示し、回収できるようにする。",
        "レビューは読み取り専用スコープの別 Pod で行う。",
        "thread.md は監査履歴であり、現在の状態は item.md が持つ。",
        "テストは実ファイル・実プロセス・実端末を使う。",
    ];

    private static readonly string[] CodeFragments =
        ["`yoi ticket doctor`", "`item.md`", "`thread.md`", "`artifacts/relations.json`", "`PanelLoader`", "`--workspace`", "`git diff --check`", "`./test.sh`"];

    public static RecordLanguage PickLanguage(Random random) => random.Next(10) switch
    {
        < 4 => RecordLanguage.English,
        < 8 => RecordLanguage.Japanese,
        _ => RecordLanguage.Mixed,
    };

    public static string Title(Random random, RecordLanguage language)
    {
        var area = Pick(random, Areas);
        return language switch
        {
            RecordLanguage.English => random.Next(3) == 0 ? Capitalize(Pick(random, EnglishTopics)) : $"{area}: {Pick(random, EnglishTopics)}",
            RecordLanguage.Japanese => random.Next(3) == 0 ? Pick(random, JapaneseTopics) : $"{area}: {Pick(random, JapaneseTopics)}",
            _ => $"{area} {Pick(random, Areas.Where(a => a != area).ToList())}: {Pick(random, JapaneseTopics)} ({Pick(random, EnglishTopics)})",
        };
    }

    /// <summary>A paragraph of 3–8 sentences in the record's language (mixed records alternate).</summary>
    public static string Paragraph(Random random, RecordLanguage language)
    {
        var sb = new StringBuilder();
        var sentences = random.Next(3, 9);
        for (var i = 0; i < sentences; i++)
        {
            var japanese = language == RecordLanguage.Japanese || (language == RecordLanguage.Mixed && random.Next(2) == 0);
            if (i > 0 && !japanese) sb.Append(' ');
            sb.Append(Pick(random, japanese ? JapaneseSentences : EnglishSentences));
            if (random.Next(5) == 0) sb.Append(japanese ? "対象は " : " See ").Append(Pick(random, CodeFragments)).Append(japanese ? "。" : ".");
        }
        return sb.ToString();
    }

    public static string Bullets(Random random, RecordLanguage language, int count)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var japanese = language == RecordLanguage.Japanese || (language == RecordLanguage.Mixed && random.Next(2) == 0);
            sb.Append("- ").Append(Pick(random, japanese ? JapaneseSentences : EnglishSentences)).Append('\n');
        }
        return sb.ToString().TrimEnd('\n');
    }

    /// <summary>
    /// A Markdown body of <paramref name="sections"/> sections with paragraphs, bullets and now and then a code block;
    /// "## " headings in item.md, "### " inside thread events (whose own heading is the "## " line).
    /// </summary>
    public static string Sections(Random random, RecordLanguage language, IReadOnlyList<(string English, string Japanese)> headings, int sections, string level = "###")
    {
        var sb = new StringBuilder();
        for (var s = 0; s < sections; s++)
        {
            var (en, ja) = headings[s % headings.Count];
            sb.Append(level).Append(' ').Append(language == RecordLanguage.English ? en : ja).Append("\n\n");
            var blocks = random.Next(1, 5);
            for (var b = 0; b < blocks; b++)
            {
                switch (random.Next(6))
                {
                    case 0:
                        sb.Append(Bullets(random, language, random.Next(2, 6)));
                        break;
                    case 1:
                        sb.Append("```sh\n").Append(Pick(random, ["./test.sh", "yoi ticket doctor", "git diff --check", "dotnet run -c Release --project Yoi.Bench -- all --quick"])).Append("\n```");
                        break;
                    default:
                        sb.Append(Paragraph(random, language));
                        break;
                }
                sb.Append("\n\n");
            }
        }
        return sb.ToString().TrimEnd('\n');
    }

    public static readonly (string, string)[] ItemHeadings =
        [("Background", "背景"), ("Requirements", "要件"), ("Acceptance criteria", "完了条件"), ("Out of scope", "範囲外"), ("Escalation conditions", "エスカレーション基準"), ("References", "参照"), ("Validation", "検証")];

    public static readonly (string, string)[] ReportHeadings =
        [("Summary", "概要"), ("Changes", "変更点"), ("Validation", "検証"), ("Notes", "補足")];

    public static string Slug(Random random) =>
        string.Join('-', Enumerable.Range(0, random.Next(2, 5)).Select(_ => Pick(random, ["panel", "ticket", "pod", "intake", "claims", "reload", "width", "doctor", "queue", "socket", "plan", "review"])));

    public static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
