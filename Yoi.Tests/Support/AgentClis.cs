namespace Yoi.Tests.Support;

/// <summary>
/// The pinned real agent CLIs that ./test.sh installs with npm into <c>agent-clis/node_modules</c> (ignored by git).
/// A test that needs one is skipped, with the reason from <c>agent-clis/install.log</c>, when it is not installed.
/// </summary>
public static class AgentClis
{
    public static string Folder => Path.Combine(RepoPaths.Root(), "agent-clis");

    public static string Require(string program)
    {
        var path = Path.Combine(Folder, "node_modules", ".bin", program);
        if (File.Exists(path)) return path;
        var log = Path.Combine(Folder, "install.log");
        var reason = File.Exists(log) ? string.Join(" | ", File.ReadAllLines(log).Where(l => l.Trim().Length > 0).TakeLast(3)) : "./test.sh did not run its npm step";
        Assert.Ignore($"the real `{program}` CLI is not installed in {Folder}/node_modules ({reason}); ./test.sh installs it with npm");
        return path;
    }
}
