using Yoi.Core.Tickets;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Tickets;

public class TicketIdTests
{
    [TestCase(0UL, "0000000000000")]
    [TestCase(31UL, "000000000000Z")]
    [TestCase(32UL, "0000000000010")]
    [TestCase(1781348071814UL, "00001KV09WYC6")]
    public void Encoding_matches_the_reference_vectors(ulong value, string id)
    {
        Assert.That(TicketId.Encode(value), Is.EqualTo(id));
        Assert.That(TicketId.TryDecode(id), Is.EqualTo(value));
    }

    [TestCase("0000000000I00")]
    [TestCase("0000000000L00")]
    [TestCase("0000000000O00")]
    [TestCase("00001kv09wyc6")]
    [TestCase("000000000/000")]
    [TestCase("ZZZZZZZZZZZZZ")]
    [TestCase("00001KV09WYC")]
    public void Invalid_ids_are_rejected(string id) => Assert.That(TicketId.IsValid(id), Is.False);

    [Test]
    public void String_order_matches_numeric_order()
    {
        var values = new ulong[] { 0, 1, 31, 32, 1000, 1781348071814, ulong.MaxValue >> 1, ulong.MaxValue };
        var ids = values.Select(TicketId.Encode).ToList();
        Assert.That(ids, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
        Assert.That(TicketId.TryDecode(TicketId.Encode(ulong.MaxValue)), Is.EqualTo(ulong.MaxValue));
    }

    [Test]
    public void A_collision_advances_by_one_millisecond_and_gives_up_after_1000_tries()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Combine(TicketId.Encode(5000)));
        Assert.That(TicketId.Allocate(dir.Path, 5000), Is.EqualTo(TicketId.Encode(5001)));
        for (ulong i = 0; i < 1000; i++) Directory.CreateDirectory(dir.Combine(TicketId.Encode(9000 + i)));
        var ex = Assert.Throws<TicketException>(() => TicketId.Allocate(dir.Path, 9000));
        Assert.That(ex!.Message, Does.Contain("too many record id collisions"));
    }
}
