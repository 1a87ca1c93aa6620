using System.Text;

namespace Yoi.Core.Paths;

/// <summary>
/// Resolves the config, data and runtime directories from the environment (storage.md "Paths"),
/// and composes every derived path. Empty variables count as unset. Existence is not checked.
/// </summary>
public sealed class YoiPaths
{
    public const int MaxSocketPathBytes = 100;

    private readonly string? _config;
    private readonly string? _data;
    private readonly string? _runtime;

    public YoiPaths(string? config, string? data, string? runtime)
    {
        _config = config;
        _data = data;
        _runtime = runtime;
    }

    public static YoiPaths FromEnvironment() => From(Environment.GetEnvironmentVariable);

    public static YoiPaths From(Func<string, string?> env)
    {
        string? Var(string name) => env(name) is { Length: > 0 } value ? value : null;
        var home = Var("YOI_HOME");
        var userHome = Var("HOME");
        var config = Var("YOI_CONFIG_DIR")
            ?? Join(home, "config")
            ?? Join(Var("XDG_CONFIG_HOME"), "yoi")
            ?? Join(userHome, ".config/yoi");
        var data = Var("YOI_DATA_DIR") ?? home ?? Join(userHome, ".yoi");
        var runtime = Var("YOI_RUNTIME_DIR")
            ?? Join(home, "run")
            ?? Join(Var("XDG_RUNTIME_DIR"), "yoi")
            ?? Join(userHome, ".yoi/run");
        return new YoiPaths(config, data, runtime);
    }

    public string? ConfigOrNull => _config;
    public string? DataOrNull => _data;
    public string? RuntimeOrNull => _runtime;

    public string Config => _config ?? throw new YoiPathsException(
        "cannot resolve the yoi config directory: set YOI_CONFIG_DIR, YOI_HOME, XDG_CONFIG_HOME or HOME");

    public string Data => _data ?? throw new YoiPathsException(
        "cannot resolve the yoi data directory: set YOI_DATA_DIR, YOI_HOME or HOME");

    public string Runtime => _runtime ?? throw new YoiPathsException(
        "cannot resolve the yoi runtime directory: set YOI_RUNTIME_DIR, YOI_HOME, XDG_RUNTIME_DIR or HOME");

    public string UserConfigFile => Path.Combine(Config, "config.json");
    /// <summary>The user config file (<c>&lt;config&gt;/config.json</c>), or null when no config directory resolves (then only the workspace config applies).</summary>
    public string? UserConfigFileOrNull => _config is null ? null : Path.Combine(_config, "config.json");
    public string PodsDir => Path.Combine(Data, "pods");
    public string PodDir(string podName) => Path.Combine(PodsDir, podName);
    public string PodMetadataPath(string podName) => Path.Combine(PodDir(podName), "metadata.json");
    public string PodMetadataLockPath(string podName) => Path.Combine(PodDir(podName), ".lock");
    /// <summary>Held (flock) by the Pod's daemon for its whole life: the kernel's answer to "is this Pod running".</summary>
    public string PodDaemonLockPath(string podName) => Path.Combine(PodDir(podName), "daemon.lock");
    /// <summary>The pid of the daemon holding <see cref="PodDaemonLockPath"/> (a hint for messages and `yoi pod stop`).</summary>
    public string PodDaemonPidPath(string podName) => Path.Combine(PodDir(podName), "daemon.pid");
    /// <summary>The process group of the engine's agent while a turn runs (and after a crash, until it is ended).</summary>
    public string PodAgentGroupPath(string podName) => Path.Combine(PodDir(podName), "agent-group.json");
    public string PeerIntentsDir => Path.Combine(PodsDir, ".peer-intents");
    public string SessionsDir => Path.Combine(Data, "sessions");
    public string SessionLogPath(string sessionId, string segmentId) => Path.Combine(SessionsDir, sessionId, segmentId + ".jsonl");
    public string LogsDir => Path.Combine(Data, "logs");
    public string LogFile => Path.Combine(LogsDir, "yoi.log");
    public string PanelWorkspacesDir => Path.Combine(Data, "panel", "workspaces");
    public string PodRuntimeDir(string podName) => Path.Combine(Runtime, podName);

    /// <summary>
    /// <c>&lt;runtime&gt;/&lt;name&gt;/sock</c> when that fits in 100 bytes, otherwise
    /// <c>&lt;runtime&gt;/h/&lt;fnv64 hex&gt;.sock</c> (a Unix socket path cannot exceed 107 bytes).
    /// </summary>
    public string PodSocketPath(string podName)
    {
        var direct = Path.Combine(PodRuntimeDir(podName), "sock");
        return Encoding.UTF8.GetByteCount(direct) <= MaxSocketPathBytes
            ? direct
            : Path.Combine(Runtime, "h", Fnv1a64.Hex(podName) + ".sock");
    }

    private static string? Join(string? basePath, string relative) => basePath is null ? null : Path.Combine(basePath, relative);
}
