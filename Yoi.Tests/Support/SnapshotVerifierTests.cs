namespace Yoi.Tests.Support;

public class SnapshotVerifierTests
{
    private static Func<string, string?> Env(params (string Key, string Value)[] pairs) =>
        key => pairs.FirstOrDefault(p => p.Key == key).Value;

    [Test]
    public void A_new_snapshot_fails_and_writes_the_received_file()
    {
        using var dir = new TempDir();
        var result = new SnapshotVerifier(dir.Path, Env()).Verify("T.m", "hello\n");
        Assert.That(result.Outcome, Is.EqualTo(SnapshotOutcome.New));
        Assert.That(File.ReadAllText(dir.Combine("T.m.received.txt")), Is.EqualTo("hello"));
        Assert.That(File.Exists(dir.Combine("T.m.verified.txt")), Is.False);
    }

    [Test]
    public void A_mismatch_fails_with_a_line_diff_and_a_match_removes_the_received_file()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.Combine("T.m.verified.txt"), "one\ntwo\nthree");
        var verifier = new SnapshotVerifier(dir.Path, Env());
        var mismatch = verifier.Verify("T.m", "one\nTWO\nthree");
        Assert.That(mismatch.Outcome, Is.EqualTo(SnapshotOutcome.Mismatch));
        Assert.That(mismatch.Message, Does.Contain("-     | two").And.Contain("+    2| TWO"));
        Assert.That(File.Exists(dir.Combine("T.m.received.txt")), Is.True);

        var match = verifier.Verify("T.m", "one\r\ntwo\r\nthree\n");
        Assert.That(match.Outcome, Is.EqualTo(SnapshotOutcome.Matched));
        Assert.That(File.Exists(dir.Combine("T.m.received.txt")), Is.False);
    }

    [Test]
    public void Snapshot_accept_writes_the_verified_file_without_bom_or_trailing_newline()
    {
        using var dir = new TempDir();
        var result = new SnapshotVerifier(dir.Path, Env(("SNAPSHOT_ACCEPT", "1"))).Verify("T.m", "a\nb\n");
        Assert.That(result.Outcome, Is.EqualTo(SnapshotOutcome.Accepted));
        Assert.That(File.ReadAllBytes(dir.Combine("T.m.verified.txt")), Is.EqualTo("a\nb"u8.ToArray()));
    }

    [Test]
    public void Snapshot_accept_is_refused_under_ci()
    {
        using var dir = new TempDir();
        var result = new SnapshotVerifier(dir.Path, Env(("SNAPSHOT_ACCEPT", "1"), ("CI", "true"))).Verify("T.m", "x");
        Assert.That(result.Outcome, Is.EqualTo(SnapshotOutcome.New));
        Assert.That(result.Message, Does.Contain("ignored when CI=true"));
        Assert.That(File.Exists(dir.Combine("T.m.verified.txt")), Is.False);
    }

    [Test]
    public void Guids_and_timestamps_are_scrubbed_into_numbered_tokens()
    {
        var text = SnapshotVerifier.Normalize(
            "0190a0b1-2c3d-7e4f-8a9b-0c1d2e3f4a5b 2026-06-01T10:00:00.123Z 0190a0b1-2c3d-7e4f-8a9b-0c1d2e3f4a5b 2026-06-02T10:00:00Z");
        Assert.That(text, Is.EqualTo("Guid_1 DateTime_1 Guid_1 DateTime_2"));
    }

    [TestCase(3)]
    public void Snapshot_names_follow_verify_conventions(int size) =>
        Assert.That(Snapshot.CurrentName("x"), Is.EqualTo("SnapshotVerifierTests.Snapshot_names_follow_verify_conventions_size=3_x"));
}
