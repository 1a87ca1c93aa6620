using System.Diagnostics;
using Yoi.Core.Tickets;
using Yoi.Tests.Support;
using Yoi.Tests.Tui.Cli;

namespace Yoi.Tests.Core.Tickets;

public class TicketRecordLoaderTests
{
    private const string Item = "---\ntitle: 'ok'\nstate: 'planning'\ncreated_at: 'x'\nupdated_at: 'x'\n---\n\nbody\n";

    /// <summary>
    /// Regression (reliability suite, hostile files): reading a FIFO planted as item.md or thread.md blocked in open(2)
    /// until a writer appeared, so one such file hung every Ticket list forever.
    /// </summary>
    [TestCase("item.md")]
    [TestCase("thread.md")]
    public void A_fifo_in_a_record_becomes_an_invalid_record_instead_of_hanging_the_list(string file)
    {
        using var dir = new TempDir();
        var root = dir.Combine(".yoi", "tickets");
        var record = Path.Combine(root, TicketId.Encode(2_000_000_000_001));
        Directory.CreateDirectory(record);
        File.WriteAllText(Path.Combine(record, "item.md"), Item);
        File.Delete(Path.Combine(record, file));
        using (var mkfifo = Process.Start("mkfifo", [Path.Combine(record, file)]))
        {
            mkfifo.WaitForExit();
            Assert.That(mkfifo.ExitCode, Is.Zero);
        }

        var listing = Task.Run(() => new TicketStore(root, new TicketStoreOptions { Time = TimeProvider.System }).ListTolerant());
        Assert.That(listing.Wait(TimeSpan.FromSeconds(10)), Is.True, "the tolerant list returned instead of blocking on the FIFO");
        Assert.That(listing.Result.Records, Is.Empty);
        Assert.That(listing.Result.Invalid.Single().Detail, Is.Not.Empty);
    }

    [Test]
    public void A_file_longer_than_its_limit_is_refused_with_the_limit_in_the_reason()
    {
        using var dir = new TempDir();
        var path = dir.Combine("big.md");
        File.WriteAllBytes(path, new byte[2 * 1024 * 1024 + 1]);
        var ex = Assert.Throws<TicketException>(() => TicketRecordLoader.ReadText(dir.Path, path, 2 * 1024 * 1024));
        Assert.That(ex!.Message, Does.Contain("the limit is 2 MiB"));
    }
}
