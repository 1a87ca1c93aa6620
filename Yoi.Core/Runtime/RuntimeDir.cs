using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Yoi.Core.Protocol;
using Yoi.Core.Storage;

namespace Yoi.Core.Runtime;

/// <summary>
/// <c>&lt;runtime&gt;/&lt;name&gt;/</c> (mode 0700): <c>pid</c>, <c>status.json</c> (rewritten atomically on every status
/// change), the socket, and <c>stderr.log</c> (created by the spawner). <see cref="Remove"/> deletes it on clean exit.
/// </summary>
public sealed class RuntimeDir(string directory, string socketPath, string podName, string segmentId)
{
    public string Directory => directory;
    public string PidPath => Path.Combine(directory, "pid");
    public string StatusPath => Path.Combine(directory, "status.json");
    public string SocketPath => socketPath;

    public void WritePid() => AtomicFile.WriteAllText(PidPath, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");

    private bool WrittenByThisProcess()
    {
        try { return File.ReadAllText(PidPath).Trim() == Environment.ProcessId.ToString(CultureInfo.InvariantCulture); }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    public void WriteStatus(PodStatus state, int pendingNotifications)
    {
        var buffer = new ArrayBufferWriter<byte>(160);
        using (var writer = new Utf8JsonWriter(buffer, ProtocolJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("state");
            JsonSerializer.Serialize(writer, state, ProtocolJson.Context.PodStatus);
            writer.WriteString("pod_name", podName);
            writer.WriteString("segment_id", segmentId);
            writer.WriteNumber("pending_notifications", pendingNotifications);
            writer.WriteEndObject();
        }
        AtomicFile.ReplaceWithoutSync(StatusPath, [.. buffer.WrittenSpan, (byte)'\n']);
    }

    /// <summary>
    /// Removes the directory and a hashed socket outside it, but only while it is still the one this process set up
    /// (its pid file names this process): a directory that was deleted and re-created by someone else is left alone.
    /// Best effort: a leftover is stale, never live.
    /// </summary>
    public void Remove()
    {
        if (!WrittenByThisProcess()) return;
        try { File.Delete(socketPath); }
        catch (IOException) { }
        try { System.IO.Directory.Delete(directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
