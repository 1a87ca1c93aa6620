using System.Globalization;
using System.Text;
using System.Text.Json;
using Yoi.Core.Protocol;
using Yoi.Core.Storage;

namespace Yoi.Core.Runtime;

/// <summary>What reading a session log found: every good entry, and a description of any damage (a torn tail, bad lines).</summary>
public sealed record SessionLogRead(IReadOnlyList<LogEntry> Entries, string? Damage, long GoodLength);

/// <summary>
/// The append-only JSONL session log <c>&lt;data&gt;/sessions/&lt;session&gt;/&lt;segment&gt;.jsonl</c>: one entry per line,
/// fsync after each append. A torn last line (crash mid-append) is ignored on read and cut off before the next append.
/// </summary>
public sealed class SessionLog(string path, TimeProvider time)
{
    private readonly Lock _gate = new();

    public string Path => path;

    public string Now() => time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Appends one entry durably (returns after fsync).</summary>
    public void Append(LogEntry entry)
    {
        var bytes = Encode(entry);
        lock (_gate) AtomicFile.AppendDurably(path, bytes, CrashPoint.SessionLogMidAppend);
    }

    /// <summary>
    /// Group commit: appends several entries with one write and one fsync (returns after it). Entries that arrived
    /// together share the disk wait; none is acknowledged before all are durable.
    /// </summary>
    public void AppendAll(IReadOnlyList<LogEntry> entries)
    {
        if (entries.Count == 1)
        {
            Append(entries[0]);
            return;
        }
        var lines = entries.Select(Encode).ToList();
        var bytes = new byte[lines.Sum(l => l.Length)];
        var at = 0;
        foreach (var line in lines)
        {
            line.CopyTo(bytes, at);
            at += line.Length;
        }
        lock (_gate) AtomicFile.AppendDurably(path, bytes, CrashPoint.SessionLogMidAppend);
    }

    public static byte[] Encode(LogEntry entry)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(entry, ProtocolJson.Context.LogEntry);
        var line = new byte[json.Length + 1];
        json.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        return line;
    }

    /// <summary>Reads every entry. Unparseable lines are skipped and described in <see cref="SessionLogRead.Damage"/>.</summary>
    public static SessionLogRead Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var entries = new List<LogEntry>();
        var problems = new List<string>();
        var start = 0;
        var lineNumber = 0;
        long goodLength = 0;
        while (start < bytes.Length)
        {
            lineNumber++;
            var newline = Array.IndexOf(bytes, (byte)'\n', start);
            if (newline < 0)
            {
                problems.Add($"line {lineNumber} is a torn tail ({bytes.Length - start} bytes without a newline, from a crash mid-append); it was ignored");
                break;
            }
            var span = bytes.AsSpan(start, newline - start);
            start = newline + 1;
            goodLength = start;
            if (span.Trim((byte)' ').IsEmpty) continue;
            try
            {
                if (JsonSerializer.Deserialize(span, ProtocolJson.Context.LogEntry) is { } entry) entries.Add(entry);
            }
            catch (JsonException ex)
            {
                problems.Add($"line {lineNumber} is not a valid entry ({ex.Message.ReplaceLineEndings(" ")}); it was skipped");
            }
        }
        var damage = problems.Count == 0 ? null : $"session log {path}: " + string.Join("; ", problems);
        return new SessionLogRead(entries, damage, goodLength);
    }

    /// <summary>Cuts a torn tail off so the next append starts on a fresh line.</summary>
    public static void TruncateTo(string path, long length)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        if (stream.Length <= length) return;
        stream.SetLength(length);
        stream.Flush(flushToDisk: true);
    }

    public static string Describe(LogEntry entry) => Encoding.UTF8.GetString(Encode(entry)).TrimEnd('\n');
}
