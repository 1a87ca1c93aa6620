using Yoi.Core.Paths;

namespace Yoi.Tests.Support;

/// <summary>
/// A workspace under <see cref="PodProcess"/>'s dirs with one queued Ticket ("Route me") made by the <c>yoi</c> CLI
/// (in-process), the environment a <c>yoi</c> process of it needs, and the names of its Companion and Orchestrator (not started).
/// </summary>
public sealed record QueuedTicketWorkspace(string Workspace, IReadOnlyDictionary<string, string> Env, string TicketId)
{
    public string Companion => PodName.Companion(Workspace);

    public string Orchestrator => PodName.Orchestrator(Workspace);

    public static QueuedTicketWorkspace Create(string root)
    {
        var workspace = PodProcess.Workspace(root);
        Directory.CreateDirectory(workspace);
        var env = YoiProcess.EnvFor(PodProcess.Paths(root));
        Assert.That(InProcessYoi.Run(env, "init", "--workspace", workspace).ExitCode, Is.Zero);
        var created = InProcessYoi.Run(env, "ticket", "--workspace", workspace, "create", "--title", "Route me");
        Assert.That(created.ExitCode, Is.Zero, created.Stderr);
        var id = created.Stdout.Trim().Split('\t')[1];
        foreach (var next in new[] { "ready", "queued" })
            Assert.That(InProcessYoi.Run(env, "ticket", "--workspace", workspace, "state", id, next).ExitCode, Is.Zero);
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
