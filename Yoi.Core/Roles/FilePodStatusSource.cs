using System.Net.Sockets;
using System.Text.Json;
using Yoi.Core.Paths;

namespace Yoi.Core.Roles;

/// <summary>
/// Observes a Pod from its files: <c>metadata.json</c> (only <c>pod_name</c> and <c>workspace_root</c> are read; unknown
/// fields are fine) and whether <c>YoiPaths.PodSocketPath</c> accepts a connection within the timeout.
/// Interim: should delegate to the Pods module's metadata store and socket probe once they are merged.
/// </summary>
public sealed class FilePodStatusSource(YoiPaths paths, TimeSpan? connectTimeout = null) : IPodStatusSource
{
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromMilliseconds(200);

    private readonly TimeSpan _timeout = connectTimeout ?? DefaultConnectTimeout;

    public PodObservation Observe(string podName)
    {
        if (PodName.Problem(podName) is { } problem)
            return new PodObservation(podName, PodMetadataState.Corrupt, null, false, problem);
        var (state, workspace, metadataProblem) = ReadMetadata(paths.PodMetadataPath(podName));
        return new PodObservation(podName, state, workspace, SocketAnswers(paths.PodSocketPath(podName)), metadataProblem);
    }

    private static (PodMetadataState, string?, string?) ReadMetadata(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (FileNotFoundException) { return (PodMetadataState.Missing, null, null); }
        catch (DirectoryNotFoundException) { return (PodMetadataState.Missing, null, null); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (PodMetadataState.Corrupt, null, $"{path}: {ex.Message}");
        }
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (PodMetadataState.Corrupt, null, $"{path}: not a JSON object");
            if (!root.TryGetProperty("pod_name", out var name) || name.ValueKind != JsonValueKind.String)
                return (PodMetadataState.Corrupt, null, $"{path}: pod_name is missing or not a string");
            string? workspace = null;
            if (root.TryGetProperty("workspace_root", out var ws))
            {
                if (ws.ValueKind == JsonValueKind.String) workspace = ws.GetString();
                else if (ws.ValueKind != JsonValueKind.Null)
                    return (PodMetadataState.Corrupt, null, $"{path}: workspace_root is not a string");
            }
            return (PodMetadataState.Ok, workspace, null);
        }
        catch (JsonException ex)
        {
            return (PodMetadataState.Corrupt, null, $"{path}: {RoleSessionRegistry.OneLine(ex.Message)}");
        }
    }

    /// <summary>True when something accepts a Unix-socket connection at <paramref name="socketPath"/> in time.</summary>
    public bool SocketAnswers(string socketPath)
    {
        if (!File.Exists(socketPath)) return false;
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        using var timeout = new CancellationTokenSource(_timeout);
        try
        {
            socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), timeout.Token).AsTask().GetAwaiter().GetResult();
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or IOException)
        {
            return false;
        }
    }
}
