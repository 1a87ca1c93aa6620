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
/// A failed append (a full disk, an I/O error) is cut back to the last complete entry, and should that cut fail too, the
/// next append makes it first, so nothing is ever appended after a partial line.
/// </summary>
public sealed class SessionLog(string path, TimeProvider time)
{
    private readonly Lock _gate = new();
    private long _goodLength = -1;
    private bool _cutBeforeNextAppend;

    public string Path => path;

    public string Now() => Timestamps.Millis(time);

    /// <summary>Appends one entry durably (returns after fsync).</summary>
    public void Append(LogEntry entry) => Append([entry]);

    /// <summary>
    /// Appends entries in one write and one fsync: all of them are durable when this returns, none when it throws
    /// (a <see cref="WriteFailedException"/> naming the log and the cause).
    /// </summary>
    public void Append(IReadOnlyList<LogEntry> entries)
    {
        var bytes = EncodeAll(entries);
        lock (_gate)
        {
            if (_goodLength < 0) _goodLength = File.Exists(path) ? new FileInfo(path).Length : 0;
            if (_cutBeforeNextAppend)
            {
                AtomicFile.TruncateTo(path, _goodLength);
                _cutBeforeNextAppend = false;
            }
            try
            {
                AtomicFile.AppendDurably(path, bytes, CrashPoint.SessionLogMidAppend, FaultPoint.SessionLogAppend);
            }
            catch (WriteFailedException ex)
            {
                _cutBeforeNextAppend = ex.PartialTailLeft;
                throw;
            }
            _goodLength += bytes.Length;
        }
    }

    /// <summary>The entries as consecutive lines in one buffer (one write).</summary>
    private static byte[] EncodeAll(IReadOnlyList<LogEntry> entries)
    {
        if (entries.Count == 1) return Encode(entries[0]);
        var lines = new byte[entries.Count][];
        var length = 0;
        for (var i = 0; i < lines.Length; i++) length += (lines[i] = Encode(entries[i])).Length;
        var bytes = new byte[length];
        var at = 0;
        foreach (var line in lines)
        {
            line.CopyTo(bytes, at);
            at += line.Length;
        }
        return bytes;
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
    public static void TruncateTo(string path, long length) => AtomicFile.TruncateTo(path, length);

    public static string Describe(LogEntry entry) => Encoding.UTF8.GetString(Encode(entry)).TrimEnd('\n');
}
