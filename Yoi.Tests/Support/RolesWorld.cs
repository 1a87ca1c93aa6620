using Yoi.Core.Pods;
using System.Net.Sockets;
using Yoi.Core.Claims;
using Yoi.Core.Interop;
using Yoi.Core.Paths;
using Yoi.Core.Registry;
using Yoi.Tests.Support;

namespace Yoi.Tests.Support;

/// <summary>A temp data/runtime/workspace layout with helpers to create real Pod metadata and listening sockets.</summary>
internal sealed class RolesWorld : IDisposable
{
    private readonly TempDir _dir = new("yoi-roles");
    private readonly List<Socket> _listeners = [];

    public RolesWorld()
    {
        Paths = new YoiPaths(_dir.Combine("config"), _dir.Combine("data"), _dir.Combine("run"));
        Workspace = _dir.Combine("ws");
        Directory.CreateDirectory(Workspace);
        Location = RegistryLocation.ForWorkspace(Paths, Workspace);
    }

    public YoiPaths Paths { get; }
    public string Workspace { get; }
    public string Root => _dir.Path;
    public RegistryLocation Location { get; }

    public TicketClaims Claims(TimeProvider? time = null, string? by = null) => new(Location, time ?? TimeProvider.System, by);

    public ClaimService Service() => new(Claims(), new FilePodStatusSource(new PodMetadataStore(Paths, TimeProvider.System)));

    public void WriteMetadata(string pod, string? workspace = null) =>
        WriteMetadataText(pod, $$"""
            {
              "pod_name": "{{pod}}",
              "workspace_root": "{{workspace ?? Workspace}}",
              "active": { "session_id": "0190a0b1-2c3d-7e4f-8a9b-0c1d2e3f4a5b" },
              "peers": [],
              "some_future_field": { "x": 1 }
            }
            """);

    public void WriteMetadataText(string pod, string text)
    {
        var path = Paths.PodMetadataPath(pod);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>A real Unix socket listening at the Pod's socket path (it never accepts; connecting succeeds via the backlog).</summary>
    public void Listen(string pod)
    {
        var path = Paths.PodSocketPath(pod);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        socket.Listen(16);
        _listeners.Add(socket);
    }

    /// <summary>
    /// A socket file whose listener is gone (connect is refused), like a crashed Pod: bind elsewhere, hard-link the
    /// socket inode to the Pod's path, close the listener (.NET unlinks only the path it bound).
    /// </summary>
    public void LeaveDeadSocket(string pod)
    {
        var path = Paths.PodSocketPath(pod);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var bound = _dir.Combine("dead.sock");
        using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            socket.Bind(new UnixDomainSocketEndPoint(bound));
            socket.Listen(1);
            Libc.TryLink(bound, path);
        }
        File.Delete(bound);
    }

    public void Dispose()
    {
        foreach (var socket in _listeners) socket.Dispose();
        _dir.Dispose();
    }
}
