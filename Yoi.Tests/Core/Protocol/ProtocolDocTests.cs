using System.Text;
using Yoi.Core.Protocol;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Protocol;

/// <summary>docs/protocol.md stays true: every JSON line in its json blocks decodes with our codecs and re-encodes byte for byte.</summary>
public class ProtocolDocTests
{
    private static readonly string Doc = Path.Combine(RepoPaths.Root(), "docs", "protocol.md");

    public static IEnumerable<TestCaseData> Examples()
    {
        var inBlock = false;
        var lineNumber = 0;
        foreach (var line in File.ReadLines(Doc))
        {
            lineNumber++;
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inBlock = line == "```json";
                continue;
            }
            if (inBlock && line.Length > 0) yield return new TestCaseData(line).SetArgDisplayNames($"line {lineNumber}");
        }
    }

    [Test]
    public void The_doc_has_method_and_event_examples()
    {
        var lines = Examples().Select(e => (string)e.Arguments[0]!).ToList();
        Assert.That(lines.Count(l => l.StartsWith("{\"method\"", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(10));
        Assert.That(lines.Count(l => l.StartsWith("{\"event\"", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(15));
    }

    [TestCaseSource(nameof(Examples))]
    public void Every_json_example_round_trips_through_the_codecs(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        if (line.StartsWith("{\"method\"", StringComparison.Ordinal))
        {
            var decoded = MethodCodec.Decode(bytes);
            Assert.That(decoded.Error, Is.Null, line);
            Assert.That(decoded.Value, Is.Not.InstanceOf<UnsupportedMethod>());
            Assert.That(MethodCodec.EncodeToString(decoded.Value!), Is.EqualTo(line));
        }
        else
        {
            Assert.That(line, Does.StartWith("{\"event\""), "a json block line is a method or an event");
            var decoded = EventCodec.Decode(bytes);
            Assert.That(decoded.Error, Is.Null, line);
            Assert.That(decoded.Value, Is.Not.InstanceOf<UnknownEvent>(), line);
            Assert.That(EventCodec.EncodeToString(decoded.Value!), Is.EqualTo(line));
        }
    }
}
