using System.Text;
using System.Text.Json;
using Yoi.Core.Paths;
using Yoi.Core.Storage;

namespace Yoi.Core.Pods;

/// <summary>(ours) A reciprocal registration in progress: written before the first metadata write, deleted after the second.</summary>
public sealed record PeerIntent(string Source, string Peer, IReadOnlyList<PeerRef> PriorSourcePeers);

public enum EnsurePeerResult { Registered, PeerMissing }

/// <summary>
/// Reciprocal peer registration (docs/original-core.md §4.5) made crash-safe: both metadata files are written under
/// their locks (taken in ordinal name order), a failed second write restores the source's exact prior peer
/// list, and an intent journal lets any later call converge a crashed registration to both-or-neither.
/// </summary>
public sealed class PeerLinks(PodMetadataStore store)
{
    /// <summary>Fault-injection seam for tests: runs between the two writes (throw to simulate a failed second write).</summary>
    internal Action<string, string>? BetweenWrites { get; init; }

    private YoiPaths Paths => store.Paths;

    /// <summary>Registers <paramref name="peer"/> as a peer of <paramref name="self"/> and vice versa; "pod `X` does not exist" when missing.</summary>
    public PeerRegistration Register(string self, string peer) =>
        EnsureExisting(self, peer) == EnsurePeerResult.Registered
            ? new PeerRegistration(self, peer)
            : throw new DiscoveryException(DiscoveryFailure.Missing, $"pod `{peer}` does not exist");

    /// <summary>As <see cref="Register"/>, but a missing peer is a result (nothing is written) rather than an error.</summary>
    public EnsurePeerResult EnsureExisting(string self, string peer)
    {
        if (PodName.Problem(peer) is { } problem) throw new DiscoveryException(DiscoveryFailure.InvalidName, $"invalid pod name: {peer} ({problem})");
        if (peer == self) throw new DiscoveryException(DiscoveryFailure.SelfPeer, $"pod `{peer}` cannot be registered as a peer of itself");
        RecoverIntents(self);
        var (first, second) = string.CompareOrdinal(self, peer) < 0 ? (self, peer) : (peer, self);
        using var firstLock = store.Lock(first);
        using var secondLock = store.Lock(second);
        var selfLock = first == self ? firstLock : secondLock;
        var peerLock = first == self ? secondLock : firstLock;

        var selfMetadata = selfLock.Read() ?? throw new DiscoveryException(DiscoveryFailure.Missing, $"pod state missing for `{self}`");
        var prior = selfMetadata.Peers;
        var peerMetadata = peerLock.Read();
        if (peerMetadata is null) return EnsurePeerResult.PeerMissing;

        var intentPath = IntentPath(self, peer);
        AtomicFile.WriteAllBytes(intentPath, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new PeerIntent(self, peer, prior), PodsJson.Info<PeerIntent>())), faultPoint: FaultPoint.PeerIntentWrite);
        try { selfLock.Write(selfMetadata.WithPeer(peer)); }
        catch (Exception ex) when (YoiIOException.IsIOFailure(ex))
        {
            File.Delete(intentPath); // nothing was changed: the intent has nothing to converge
            throw;
        }
        try
        {
            CrashPoint.Hit(CrashPoint.PeerBetweenWrites);
            BetweenWrites?.Invoke(self, peer);
            peerLock.Write(peerMetadata.WithPeer(self));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // The intent is dropped only once the one-sided entry is rolled back; when the rollback cannot be written
            // either (a full disk), the intent stays and the next discovery call or doctor --repair converges the pair.
            try
            {
                selfLock.Write(selfMetadata with { Peers = prior });
                File.Delete(intentPath);
            }
            catch (Exception rollback) when (YoiIOException.IsIOFailure(rollback)) { }
            throw new IOException($"pod store error: could not write peer metadata of `{peer}`: {ex.Message}", ex);
        }
        File.Delete(intentPath);
        return EnsurePeerResult.Registered;
    }

    /// <summary>Leftover intents (a crash between the writes) involving <paramref name="podName"/>, or all when null.</summary>
    public IReadOnlyList<string> PendingIntents(string? podName = null)
    {
        if (!Directory.Exists(Paths.PeerIntentsDir)) return [];
        return Directory.EnumerateFiles(Paths.PeerIntentsDir, "*.json")
            .Where(f => podName is null || IntentMentions(Path.GetFileNameWithoutExtension(f), podName))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Rolls leftover intents forward: if both Pods still exist the reciprocal link is completed, otherwise the
    /// one-sided entry is removed. Returns how many intents were resolved.
    /// </summary>
    public int RecoverIntents(string? podName = null)
    {
        var resolved = 0;
        foreach (var path in PendingIntents(podName))
        {
            PeerIntent? intent;
            try
            {
                intent = JsonSerializer.Deserialize(File.ReadAllBytes(path), PodsJson.Info<PeerIntent>());
            }
            catch (Exception ex) when (ex is JsonException or IOException)
            {
                intent = null;
            }
            if (intent is null || !PodName.IsValid(intent.Source) || !PodName.IsValid(intent.Peer) || intent.Source == intent.Peer)
            {
                File.Delete(path);
                continue;
            }
            Converge(intent.Source, intent.Peer);
            File.Delete(path);
            resolved++;
        }
        return resolved;
    }

    private void Converge(string a, string b)
    {
        var (first, second) = string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
        using var firstLock = store.Lock(first);
        using var secondLock = store.Lock(second);
        var firstMetadata = TryRead(firstLock);
        var secondMetadata = TryRead(secondLock);
        if (firstMetadata is not null && secondMetadata is not null)
        {
            firstLock.Write(firstMetadata.WithPeer(second));
            secondLock.Write(secondMetadata.WithPeer(first));
            return;
        }
        if (firstMetadata?.HasPeer(second) == true) firstLock.Write(firstMetadata.WithoutPeer(second));
        if (secondMetadata?.HasPeer(first) == true) secondLock.Write(secondMetadata.WithoutPeer(first));
    }

    private static PodMetadata? TryRead(PodMetadataStore.Locked locked)
    {
        try { return locked.Read(); }
        catch (PodMetadataException) { return null; }
    }

    private string IntentPath(string a, string b) => Path.Combine(Paths.PeerIntentsDir, $"{Escape(a)}--{Escape(b)}.json");

    private static bool IntentMentions(string fileStem, string podName)
    {
        var escaped = Escape(podName);
        return fileStem.StartsWith(escaped + "--", StringComparison.Ordinal) || fileStem.EndsWith("--" + escaped, StringComparison.Ordinal);
    }

    /// <summary>Pod names may contain "-", so "--" inside a name is escaped to keep the separator unique.</summary>
    private static string Escape(string name) => name.Replace("%", "%25", StringComparison.Ordinal).Replace("--", "-%2D", StringComparison.Ordinal);
}
