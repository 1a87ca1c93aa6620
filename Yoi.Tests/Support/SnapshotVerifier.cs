using System.Text;
using System.Text.RegularExpressions;
using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Yoi.Tests.Support;

public enum SnapshotOutcome { Matched, Accepted, New, Mismatch }

public sealed record SnapshotResult(SnapshotOutcome Outcome, string Message);

/// <summary>
/// Compares text with <c>{name}.verified.txt</c> in a directory, following Verify's conventions:
/// LF endings, no trailing newline, UTF-8 without BOM, <c>.received.txt</c> written on mismatch,
/// a missing verified file is a failure. <c>SNAPSHOT_ACCEPT=1</c> accepts, except under <c>CI=true</c>.
/// </summary>
public sealed partial class SnapshotVerifier(string directory, Func<string, string?> env)
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public SnapshotResult Verify(string name, string actual)
    {
        var text = Normalize(actual);
        var verified = Path.Combine(directory, name + ".verified.txt");
        var received = Path.Combine(directory, name + ".received.txt");
        var expected = File.Exists(verified) ? Normalize(File.ReadAllText(verified, Utf8NoBom)) : null;
        if (expected == text)
        {
            File.Delete(received);
            return new SnapshotResult(SnapshotOutcome.Matched, "");
        }
        var inCi = string.Equals(env("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (env("SNAPSHOT_ACCEPT") == "1" && !inCi)
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verified, text, Utf8NoBom);
            File.Delete(received);
            return new SnapshotResult(SnapshotOutcome.Accepted, $"Snapshot accepted: {verified}");
        }
        Directory.CreateDirectory(directory);
        File.WriteAllText(received, text, Utf8NoBom);
        var guard = inCi ? " (SNAPSHOT_ACCEPT is ignored when CI=true)" : "";
        return expected is null
            ? new SnapshotResult(SnapshotOutcome.New,
                $"New snapshot: {received} was written; review it, then rename it to .verified.txt or rerun with SNAPSHOT_ACCEPT=1{guard}")
            : new SnapshotResult(SnapshotOutcome.Mismatch,
                $"Snapshot mismatch for {Path.GetFileName(verified)} (received written next to it){guard}:\n{Diff(expected, text)}");
    }

    /// <summary>CRLF → LF, no trailing newline, GUIDs and ISO-8601 timestamps replaced by numbered tokens.</summary>
    public static string Normalize(string text)
    {
        var lf = text.Replace("\r\n", "\n").TrimEnd('\n');
        lf = Tokenize(GuidPattern(), lf, "Guid");
        return Tokenize(TimestampPattern(), lf, "DateTime");
    }

    private static string Tokenize(Regex pattern, string text, string label)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        return pattern.Replace(text, m =>
        {
            if (!seen.TryGetValue(m.Value, out var n)) seen[m.Value] = n = seen.Count + 1;
            return $"{label}_{n}";
        });
    }

    private static string Diff(string expected, string actual)
    {
        var model = new InlineDiffBuilder(new Differ()).BuildDiffModel(expected, actual, ignoreWhitespace: false);
        var lines = model.Lines;
        var keep = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Type == ChangeType.Unchanged) continue;
            for (var j = Math.Max(0, i - 2); j <= Math.Min(lines.Count - 1, i + 2); j++) keep[j] = true;
        }
        var builder = new StringBuilder();
        var actualLine = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Type != ChangeType.Deleted) actualLine++;
            if (!keep[i]) continue;
            var marker = line.Type switch { ChangeType.Inserted => '+', ChangeType.Deleted => '-', _ => ' ' };
            var number = line.Type == ChangeType.Deleted ? "     " : actualLine.ToString().PadLeft(5);
            builder.Append(marker).Append(number).Append("| ").Append(line.Text).Append('\n');
        }
        return builder.ToString().TrimEnd('\n');
    }

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")]
    private static partial Regex GuidPattern();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?")]
    private static partial Regex TimestampPattern();
}
