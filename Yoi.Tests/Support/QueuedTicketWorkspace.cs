using Yoi.Core.Paths;

namespace Yoi.Tests.Support;

/// <summary>
/// A workspace under <see cref="PodProcess"/>'s dirs with one queued Ticket ("Route me") made by real <c>yoi</c>
/// processes, the environment those processes need, and the names of its Companion and Orchestrator (not started).
/// </summary>
public sealed record QueuedTicketWorkspace(string Workspace, IReadOnlyDictionary<string, string> Env, string TicketId)
{
    public string Companion => PodName.Companion(Workspace);

    public string Orchestrator => PodName.Orchestrator(Workspace);

    public static QueuedTicketWorkspace Create(string root)
    {
        var workspace = PodProcess.Workspace(root);
        Directory.CreateDirectory(workspace);
        var env = new Dictionary<string, string>
        {
            ["YOI_DATA_DIR"] = PodProcess.DataDir(root),
            ["YOI_RUNTIME_DIR"] = PodProcess.RuntimeDir(root),
            ["YOI_CONFIG_DIR"] = PodProcess.ConfigDir(root),
        };
        Assert.That(YoiProcess.Run(["init", "--workspace", workspace], env).ExitCode, Is.Zero);
        var created = YoiProcess.Run(["ticket", "--workspace", workspace, "create", "--title", "Route me"], env);
        Assert.That(created.ExitCode, Is.Zero, created.Stderr);
        var id = created.Stdout.Trim().Split('\t')[1];
        foreach (var next in new[] { "ready", "queued" })
            Assert.That(YoiProcess.Run(["ticket", "--workspace", workspace, "state", id, next], env).ExitCode, Is.Zero);
        return new QueuedTicketWorkspace(workspace, env, id);
    }

    /// <summary>The environment of a <c>yoi</c> process run by the Orchestrator's agent, plus <paramref name="extra"/>.</summary>
    public Dictionary<string, string> AsOrchestrator(params (string Key, string Value)[] extra)
    {
        var env = new Dictionary<string, string>(Env) { ["YOI_ROLE"] = "orchestrator", ["YOI_POD"] = Orchestrator };
        foreach (var (key, value) in extra) env[key] = value;
        return env;
    }
}
