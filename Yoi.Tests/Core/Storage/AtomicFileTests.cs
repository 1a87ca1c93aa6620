using System.Text;
using Yoi.Core.Storage;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Storage;

public class AtomicFileTests
{
    [Test]
    public void Write_replaces_the_whole_file_and_leaves_no_temp_file()
    {
        using var dir = new TempDir();
        var path = dir.Combine("sub", "a.json");
        AtomicFile.WriteAllText(path, "first");
        AtomicFile.WriteAllText(path, "second");
        Assert.That(File.ReadAllText(path), Is.EqualTo("second"));
        Assert.That(Directory.GetFiles(dir.Combine("sub")), Has.Length.EqualTo(1));
    }

    [Test]
    public void Create_if_absent_creates_once_and_never_overwrites()
    {
        using var dir = new TempDir();
        var path = dir.Combine("claim.json");
        Assert.That(AtomicFile.CreateIfAbsent(path, "one"u8), Is.True);
        Assert.That(AtomicFile.CreateIfAbsent(path, "two"u8), Is.False);
        Assert.That(File.ReadAllText(path), Is.EqualTo("one"));
        Assert.That(Directory.GetFiles(dir.Path), Has.Length.EqualTo(1), "temp files are removed");
    }

    [Test]
    public void Concurrent_create_if_absent_has_exactly_one_winner()
    {
        using var dir = new TempDir();
        var path = dir.Combine("claim.json");
        var winners = 0;
        Parallel.For(0, 32, i =>
        {
            if (AtomicFile.CreateIfAbsent(path, Encoding.UTF8.GetBytes($"owner {i}"))) Interlocked.Increment(ref winners);
        });
        Assert.That(winners, Is.EqualTo(1));
        Assert.That(File.ReadAllText(path), Does.StartWith("owner "));
    }

    [Test]
    public void Append_adds_bytes_durably()
    {
        using var dir = new TempDir();
        var path = dir.Combine("log.jsonl");
        AtomicFile.AppendDurably(path, "a\n"u8);
        AtomicFile.AppendDurably(path, "b\n"u8);
        Assert.That(File.ReadAllText(path), Is.EqualTo("a\nb\n"));
    }

    [TestCase(".a.json.123.abc.tmp", true)]
    [TestCase("a.json", false)]
    [TestCase(".gitkeep", false)]
    public void Temp_file_names_are_recognised(string name, bool expected) =>
        Assert.That(AtomicFile.IsTempFileName(name), Is.EqualTo(expected));
}
