using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Yoi.Core.Registry;
using Yoi.Core.Storage;

namespace Yoi.Core.Claims;

[JsonConverter(typeof(JsonStringEnumConverter<ClaimAction>))]
public enum ClaimAction
{
    [JsonStringEnumMemberName("claim")] Claim,
    [JsonStringEnumMemberName("release")] Release,
    [JsonStringEnumMemberName("reclaim")] Reclaim,
}

/// <summary>One line of <c>ticket-claims/history.jsonl</c>. For a reclaim, <c>previous_*</c> name the replaced owner.</summary>
public sealed record ClaimHistoryEntry
{
    public required string At { get; init; }
    public required ClaimAction Action { get; init; }
    public required string TicketId { get; init; }
    public required string PodName { get; init; }
    public required string Role { get; init; }
    public required long Generation { get; init; }
    public required string By { get; init; }
    public string? PreviousPodName { get; init; }
    public long? PreviousGeneration { get; init; }
    public string? Reason { get; init; }
}

/// <summary>The result of reading the history: every intact line, plus the lines that did not parse.</summary>
public sealed record ClaimHistoryRead(IReadOnlyList<ClaimHistoryEntry> Entries, IReadOnlyList<string> Problems);

/// <summary>
/// Append-only claim history (ours). Each append is one write followed by fsync; callers append while
/// holding the registry lock, so lines appear in the order the claim changes happened.
/// </summary>
public sealed class ClaimHistory(string path)
{
    public string Path => path;

    public void Append(ClaimHistoryEntry entry) => AppendLine(Line(entry));

    /// <summary>The entry as one JSON line with its newline, ready to append.</summary>
    public static byte[] Line(ClaimHistoryEntry entry) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, RolesJsonFiles.Line.ClaimHistoryEntry) + "\n");

    /// <summary>Appends a line built by <see cref="Line"/> in one write, then fsyncs.</summary>
    public void AppendLine(byte[] line) => AtomicFile.AppendDurably(path, line, faultPoint: FaultPoint.ClaimHistoryAppend);

    /// <summary>Appends a line without fsync (under the registry lock); call <see cref="Sync"/> once the lock is released.</summary>
    public void AppendLineUnsynced(byte[] line) => AtomicFile.AppendUnsynced(path, line, FaultPoint.ClaimHistoryAppend);

    public void Sync() => AtomicFile.Sync(path);

    /// <summary>All entries; a torn or corrupt line is skipped and reported in <see cref="ClaimHistoryRead.Problems"/>.</summary>
    public ClaimHistoryRead Read()
    {
        string[] lines;
        try { lines = File.ReadAllLines(path); }
        catch (FileNotFoundException) { return new ClaimHistoryRead([], []); }
        catch (DirectoryNotFoundException) { return new ClaimHistoryRead([], []); }
        var entries = new List<ClaimHistoryEntry>(lines.Length);
        var problems = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            try
            {
                entries.Add(JsonSerializer.Deserialize(lines[i], RolesJsonFiles.Line.ClaimHistoryEntry)
                    ?? throw new JsonException("line is null"));
            }
            catch (JsonException ex)
            {
                problems.Add($"{path}:{i + 1}: {ex.Message.ReplaceLineEndings(" ")}");
            }
        }
        return new ClaimHistoryRead(entries, problems);
    }

    /// <summary>The entries for one Ticket, oldest first.</summary>
    public IReadOnlyList<ClaimHistoryEntry> ForTicket(string ticketId) =>
        Read().Entries.Where(e => e.TicketId == ticketId).ToList();
}
