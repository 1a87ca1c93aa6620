using System.Diagnostics;
using Yoi.Core.Interop;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Protocol;
using Yoi.Core.Runtime;
using Yoi.Tests.Support;
using Yoi.Tests.Tui.Cli;

namespace Yoi.Tests.Reliability;

/// <summary>Reliability 5: bad Pod names are refused on every path; runtime dirs 0700, sockets 0600; other uids refused.</summary>
[Category(Reliability.Category)]
public class NamesAndPermissionsTests
{
    private static readonly string TooLong = new('n', PodName.MaxLength + 1);

    /// <summary>The hostile names that can travel through argv (a NUL cannot: argv strings end at NUL).</summary>
    private static readonly string[] ArgvNames = ["a/b", "..", "../escape", "x/../../y", TooLong];

    private static readonly string[] AllNames = [.. ArgvNames, "a\0b", "\0"];

    private static IEnumerable<string[]> CliCommands(string name, string workspace) =>
    [
        ["pod", "start", name, "--workspace", workspace],
        ["pod", "run", "--pod", name, "--workspace", workspace],
        ["pod", "stop", name],
        ["pod", "restore", name],
        ["pod", "notify", name, "--weak", "hi"],
        ["pod", "send", name, "hi"],
        ["pod", "inspect", name],
        ["peer", "register", name, "--as", "gate"],
        ["peer", "register", "gate", "--as", name],
        ["claim", "take", "00001KV09WYC6", "--pod", name, "--workspace", workspace],
    ];

    [Test]
    public void Bad_pod_names_are_refused_by_the_cli_the_socket_and_the_launcher_and_nothing_is_created_for_them()
    {
        using var dir = new TempDir("yoi-names");
        using var gate = PodProcess.Start(dir.Path, "gate");
        var env = new Dictionary<string, string>
        {
            ["YOI_DATA_DIR"] = PodProcess.DataDir(dir.Path),
            ["YOI_RUNTIME_DIR"] = PodProcess.RuntimeDir(dir.Path),
            ["YOI_CONFIG_DIR"] = PodProcess.ConfigDir(dir.Path),
        };
        var before = Snapshot(dir.Path);
        var tried = 0;
        var failures = new List<string>();

        foreach (var name in Reliability.Full ? ArgvNames : ["x/../../y", TooLong])
        {
            foreach (var args in CliCommands(name, PodProcess.Workspace(dir.Path)))
            {
                tried++;
                var result = YoiProcess.Run(args, env, PodProcess.Workspace(dir.Path));
                var err = result.Stderr.TrimEnd('\n');
                if (result.ExitCode is 0 or > 2 || !(err.StartsWith("yoi: ", StringComparison.Ordinal) || err.StartsWith("yoi pod run: ", StringComparison.Ordinal)) || !err.Contains("pod name", StringComparison.Ordinal) || err.Contains('\n'))
                    failures.Add($"yoi {string.Join(' ', args)} → exit {result.ExitCode}: {result.Stderr}{result.Stdout}");
            }
        }

        var (client, _, _) = PodSocket.Open(gate.SocketPath);
        using (client)
        {
            var n = 0;
            foreach (var name in AllNames)
            {
                foreach (var method in new Method[] { new RegisterPeerMethod(name), new RestorePodMethod(name) })
                {
                    tried++;
                    var id = $"bad-{n++}";
                    client.Send(method with { Id = id });
                    var reply = client.WaitFor<Event>(e => e.ReplyTo == id);
                    if (reply is not ErrorEvent { Code: ErrorCode.InvalidRequest } error || !error.Message.Contains("invalid pod name", StringComparison.Ordinal))
                        failures.Add($"{method.Name} `{Printable(name)}` → {EventCodec.EncodeToString(reply)}");
                }
            }
        }

        var launcher = new PodLauncher(new PodMetadataStore(new YoiPaths(PodProcess.ConfigDir(dir.Path), PodProcess.DataDir(dir.Path), PodProcess.RuntimeDir(dir.Path)), TimeProvider.System),
            YoiProcess.Executable);
        foreach (var name in AllNames)
        {
            tried++;
            var ex = Assert.ThrowsAsync<PodLaunchException>(() => launcher.StartAsync(new PodLaunchRequest(PodProcess.Workspace(dir.Path), name)));
            if (ex?.Failure != PodLaunchFailure.NotStarted || !ex.Message.Contains("pod name", StringComparison.Ordinal))
                failures.Add($"launcher `{Printable(name)}` → {ex?.Message}");
        }

        var after = Snapshot(dir.Path);
        var created = after.Except(before).Where(p => !p.EndsWith("yoi.log", StringComparison.Ordinal)).ToList();
        Reliability.Report("names", ("names", AllNames.Length), ("attempts", tried), ("accepted", failures.Count), ("paths_created", created.Count));
        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.Empty, "every attempt is refused with a one-line reason naming the pod name");
            Assert.That(created, Is.Empty, "nothing is created for a refused name");
            Assert.That(gate.HasExited, Is.False, "the Pod that received the bad names keeps running");
        });
    }

    [Test]
    public void Runtime_dirs_are_0700_sockets_0600_and_a_client_running_as_another_uid_is_refused()
    {
        using var dir = new TempDir("yoi-perm");
        using var gate = PodProcess.Start(dir.Path, "gate");
        var runtimeDir = Path.GetDirectoryName(gate.SocketPath)!;
        var owner = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Assert.Multiple(() =>
        {
            Assert.That(File.GetUnixFileMode(runtimeDir), Is.EqualTo(owner), runtimeDir);
            Assert.That(File.GetUnixFileMode(PodProcess.RuntimeDir(dir.Path)), Is.EqualTo(owner), "the runtime root");
            Assert.That(File.GetUnixFileMode(gate.SocketPath), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), gate.SocketPath);
        });

        if (Libc.GetUid() != 0) Assert.Ignore("another uid can only be simulated when the test runs as root (setpriv to nobody); running as uid " + Libc.GetUid());
        if (!File.Exists("/usr/bin/setpriv") || !File.Exists("/usr/bin/python3"))
            Assert.Ignore("setpriv and python3 are needed to connect as nobody");

        // Layer 1: file permissions. nobody cannot even reach the socket.
        var blocked = AsNobody(gate.SocketPath);
        // Layer 2: SO_PEERCRED. Expose the socket inode through a world-traversable hard link with mode 0666 for a moment.
        var exposedDir = Directory.CreateDirectory(Path.Combine(dir.Path, "exposed"));
        File.SetUnixFileMode(dir.Path, owner | UnixFileMode.OtherExecute | UnixFileMode.GroupExecute);
        File.SetUnixFileMode(exposedDir.FullName, owner | UnixFileMode.OtherExecute | UnixFileMode.GroupExecute);
        var link = Path.Combine(exposedDir.FullName, "s");
        Assert.That(Libc.TryLink(gate.SocketPath, link), Is.True);
        string peercred;
        try
        {
            File.SetUnixFileMode(link, (UnixFileMode)0b110_110_110);
            peercred = AsNobody(link);
        }
        finally
        {
            File.SetUnixFileMode(link, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        Poll.Until(() => gate.Stderr.Contains("refused a connection from uid 65534", StringComparison.Ordinal), TimeSpan.FromSeconds(10),
            "the Pod to log the refused uid");
        var (mine, snapshot, _) = PodSocket.Open(gate.SocketPath);
        mine.Dispose();

        Reliability.Report("permissions", ("runtime_dir_mode", "0700"), ("socket_mode", "0600"), ("nobody_direct", blocked), ("nobody_via_0666_link", peercred));
        Assert.Multiple(() =>
        {
            Assert.That(blocked, Does.StartWith("connect-refused:"), "0700/0600 keep another uid away from the socket");
            Assert.That(peercred, Is.EqualTo("closed-after-0-bytes"), "the Pod closes another uid's connection without writing anything");
            Assert.That(snapshot.Greeting.PodName, Is.EqualTo("gate"), "the owner is still served");
        });
    }

    /// <summary>Connects to <paramref name="socket"/> as nobody; reports what happened in one token.</summary>
    private static string AsNobody(string socket)
    {
        const string script = """
            import socket, sys
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.settimeout(10)
            try:
                s.connect(sys.argv[1])
            except OSError as e:
                print("connect-refused:" + type(e).__name__); sys.exit(0)
            n = 0
            try:
                while True:
                    b = s.recv(65536)
                    if not b: break
                    n += len(b)
            except OSError as e:
                print("read-error:" + type(e).__name__ + ":" + str(n)); sys.exit(0)
            print("closed-after-" + str(n) + "-bytes")
            """;
        var info = new ProcessStartInfo("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-c", script, socket])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30))) process.Kill();
        process.WaitForExit();
        return (output.Result.Trim() + error.Result.Trim()).Trim();
    }

    private static HashSet<string> Snapshot(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).ToHashSet(StringComparer.Ordinal);

    private static string Printable(string name) => name.Replace("\0", "\\0", StringComparison.Ordinal);
}
