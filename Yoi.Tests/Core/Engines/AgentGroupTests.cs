using System.Text.Json;
using Yoi.Core.Engines;
using Yoi.Core.Interop;
using Yoi.Core.Protocol;
using Yoi.Tests.Core.Runtime;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Engines;

/// <summary>Agents die with their Pod: real daemons, a real `command` agent with a child, kill -9, restore, doctor.</summary>
[Category("Integration")]
public class AgentGroupTests
{
    // The agent (sh) starts a background child and waits: a leader with a process of its own in its group.
    private static readonly string[] Agent = ["--engine-spec-json", JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["engine"] = "command",
        ["command"] = new[] { "sh", "-c", "sleep 300 & echo started; wait" },
    }, JsonContext.Default.DictionaryStringObject)];

    /// <summary>Starts a turn and returns the agent's recorded process group once the agent printed its first line.</summary>
    private static int StartTurn(PodProcess pod, YoiWorld world)
    {
        var (client, _, _) = PodSocket.Open(pod.SocketPath);
        using (client)
        {
            client.Send(RunMethod.Text("go"));
            client.WaitFor<TextDeltaEvent>(d => d.Text.Contains("started", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        }
        var record = new AgentGroup(world.Paths, "alpha").Read();
        Assert.That(record, Is.Not.Null, "the running agent's group is recorded in the Pod's state");
        Assert.That(ProcessTree.GroupMembers(record!.Pgid), Has.Count.GreaterThanOrEqualTo(2), "sh and its sleep share the agent's own group");
        Assert.That(ProcessTree.GroupMembers(record.Pgid), Does.Not.Contain(pod.Pid), "the Pod is not in its agent's group");
        return record.Pgid;
    }

    [Test]
    public void Kill_9_mid_turn_kills_the_agent_leader_and_restore_ends_the_rest_of_its_group_first()
    {
        using var world = new YoiWorld();
        int group;
        using (var pod = PodProcess.Start(world.Root, "alpha", Agent))
        {
            group = StartTurn(pod, world);
            pod.KillHard();
        }
        Poll.Until(() => !ProcessTree.GroupMembers(group).Contains(group), TimeSpan.FromSeconds(10), "the agent leader to die with its Pod (parent-death signal)");
        Assert.That(ProcessTree.GroupMembers(group), Is.Not.Empty, "what the agent started is still running: only the restore's sweep ends it");

        using var restored = PodProcess.Start(world.Root, "alpha", Agent);
        Assert.That(ProcessTree.GroupMembers(group), Is.Empty, "no agent process of the killed Pod is left once the restore is ready");
        Assert.That(File.Exists(world.Paths.PodAgentGroupPath("alpha")), Is.False);
        var (client, _, alerts) = PodSocket.Open(restored.SocketPath);
        client.Dispose();
        Assert.That(alerts.Select(a => a.Message), Has.Some.Contains("ended 1 leftover agent process(es) of pod `alpha`"));
    }

    [Test]
    public void Doctor_reports_leftover_agent_processes_of_a_dead_pod_and_repair_ends_them()
    {
        using var world = new YoiWorld();
        var ws = PodProcess.Workspace(world.Root);
        int group;
        using (var pod = PodProcess.Start(world.Root, "alpha", Agent))
        {
            group = StartTurn(pod, world);
            pod.KillHard();
        }
        Poll.Until(() => !ProcessTree.GroupMembers(group).Contains(group), TimeSpan.FromSeconds(10), "the agent leader to die");
        var leftovers = ProcessTree.GroupMembers(group);

        var report = world.Yoi(ws, "doctor", "-w", ws);
        Assert.That(report.ExitCode, Is.EqualTo(1), report.Stdout);
        Assert.That(report.Stdout, Does.Contain($"Pod `alpha` is not running but {leftovers.Count} of its agent processes still are")
            .And.Contain(string.Join(", ", leftovers)));
        var repair = world.Yoi(ws, "doctor", "-w", ws, "--repair");
        Assert.That(repair.Stdout, Does.Contain("ended the leftover agent processes"));
        Assert.That(ProcessTree.GroupMembers(group), Is.Empty);
        Assert.That(world.Yoi(ws, "doctor", "-w", ws).Stdout, Does.Not.Contain("agent processes"));
    }

    [Test]
    public void A_cancelled_turn_ends_the_whole_agent_group_and_removes_its_record()
    {
        using var world = new YoiWorld();
        using var pod = PodProcess.Start(world.Root, "alpha", Agent);
        var group = StartTurn(pod, world);
        var (client, _, _) = PodSocket.Open(pod.SocketPath);
        using (client)
        {
            client.Send(new CancelMethod());
            client.WaitFor<StatusEvent>(st => st.Status == PodStatus.Idle, TimeSpan.FromSeconds(20));
        }
        Assert.That(ProcessTree.GroupMembers(group), Is.Empty, "cancel signals the agent's group, children included");
        Assert.That(File.Exists(world.Paths.PodAgentGroupPath("alpha")), Is.False, "the record goes with an empty group");
        Assert.That(Libc.ProcessExists(pod.Pid), Is.True, "the Pod itself is untouched");
    }
}
