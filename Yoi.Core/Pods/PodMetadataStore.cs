using System.Text;
using System.Text.Json;
using Yoi.Core.Paths;
using Yoi.Core.Storage;

namespace Yoi.Core.Pods;

public enum MetadataState { Readable, Missing, Corrupt }

/// <summary>The result of reading one Pod's metadata: readable, missing, or corrupt with the reason.</summary>
public sealed record MetadataRead(string PodName, MetadataState State, PodMetadata? Metadata, string? Error)
{
    public static MetadataRead Missing(string name) => new(name, MetadataState.Missing, null, null);
}

/// <summary>Thrown for a metadata file that exists but cannot be used.</summary>
public sealed class PodMetadataException(string message) : YoiIOException(message);

/// <summary>
/// Durable Pod metadata under <c>&lt;data&gt;/pods/&lt;name&gt;/</c>. Writes are atomic; every read-modify-write holds
/// <c>&lt;data&gt;/pods/&lt;name&gt;/.lock</c> (the original lost updates here). Multi-Pod operations lock in ordinal name order.
/// </summary>
public sealed class PodMetadataStore(YoiPaths paths, TimeProvider time)
{
    public YoiPaths Paths => paths;

    public MetadataRead Read(string podName)
    {
        if (PodName.Problem(podName) is { } problem) return new MetadataRead(podName, MetadataState.Corrupt, null, problem);
        var path = paths.PodMetadataPath(podName);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException) { return MetadataRead.Missing(podName); }
        catch (DirectoryNotFoundException) { return MetadataRead.Missing(podName); }
        catch (IOException ex) { return new MetadataRead(podName, MetadataState.Corrupt, null, $"{path}: {ex.Message}"); }
        catch (UnauthorizedAccessException ex) { return new MetadataRead(podName, MetadataState.Corrupt, null, $"{path}: {ex.Message}"); }
        try
        {
            var metadata = JsonSerializer.Deserialize(bytes, PodsJson.Metadata)
                ?? throw new JsonException("metadata is null");
            return new MetadataRead(podName, MetadataState.Readable, metadata with { PodName = podName }, null);
        }
        catch (JsonException ex)
        {
            return new MetadataRead(podName, MetadataState.Corrupt, null, $"{path}: {OneLine(ex.Message)}");
        }
    }

    /// <summary>The metadata, or null when missing; throws <see cref="PodMetadataException"/> when corrupt.</summary>
    public PodMetadata? Find(string podName)
    {
        var read = Read(podName);
        return read.State switch
        {
            MetadataState.Readable => read.Metadata,
            MetadataState.Missing => null,
            _ => throw new PodMetadataException($"pod metadata for `{podName}` is unreadable: {read.Error}; run `yoi doctor`"),
        };
    }

    public bool Exists(string podName) => PodName.IsValid(podName) && File.Exists(paths.PodMetadataPath(podName));

    /// <summary>Names of every Pod directory holding a metadata.json, sorted ordinally.</summary>
    public IReadOnlyList<string> ListNames()
    {
        if (!Directory.Exists(paths.PodsDir)) return [];
        return Directory.EnumerateDirectories(paths.PodsDir)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(n => PodName.IsValid(n) && !n.StartsWith('.') && File.Exists(paths.PodMetadataPath(n)))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Takes the per-Pod lock for a read-modify-write spanning several calls.</summary>
    public Locked Lock(string podName)
    {
        PodName.Validate(podName);
        return new Locked(this, podName, FileLock.Acquire(paths.PodMetadataLockPath(podName)));
    }

    /// <summary>Read-modify-write under the Pod's lock. <paramref name="change"/> gets null when no metadata exists yet.</summary>
    public PodMetadata Update(string podName, Func<PodMetadata?, PodMetadata> change)
    {
        using var locked = Lock(podName);
        var updated = change(locked.Read());
        locked.Write(updated);
        return locked.Read()!;
    }

    public void Delete(string podName)
    {
        PodName.Validate(podName);
        using (Lock(podName))
        {
            File.Delete(paths.PodMetadataPath(podName));
        }
    }

    private void WriteLocked(string podName, PodMetadata metadata)
    {
        var now = Timestamps.Millis(time);
        var normalized = metadata with
        {
            PodName = podName,
            Peers = PodMetadata.NormalizePeers(metadata.Peers),
            CreatedAt = metadata.CreatedAt ?? now,
            UpdatedAt = now,
        };
        var json = JsonSerializer.Serialize(normalized, PodsJson.Metadata) + "\n";
        AtomicFile.WriteAllBytes(paths.PodMetadataPath(podName), Encoding.UTF8.GetBytes(json), CrashPoint.MetadataBeforeRename, FaultPoint.MetadataWrite);
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    /// <summary>A held per-Pod metadata lock with read and write access to that Pod's file.</summary>
    public sealed class Locked(PodMetadataStore store, string podName, FileLock fileLock) : IDisposable
    {
        public string PodName => podName;

        /// <summary>The current metadata or null when missing; throws when corrupt.</summary>
        public PodMetadata? Read() => store.Find(podName);

        public void Write(PodMetadata metadata) => store.WriteLocked(podName, metadata);

        public void Dispose() => fileLock.Dispose();
    }
}
