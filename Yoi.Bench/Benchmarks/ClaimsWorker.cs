using System.Diagnostics;
using Yoi.Core.Claims;
using Yoi.Core.Registry;
using Yoi.Core.Tickets;

namespace Yoi.Bench.Benchmarks;

/// <summary>
/// One racing claimer process (<c>__claims-worker &lt;pod&gt; &lt;warm-up-claims&gt;</c>). Warms up on a private registry, prints <c>ready</c>, then for each stdin line
/// <c>&lt;registry-dir&gt; &lt;count&gt;</c> claims Tickets 0…count-1 in order through <see cref="TicketClaims.Claim"/> and
/// prints <c>done &lt;claimed&gt; &lt;refused&gt; &lt;ms&gt;</c>. Exits at end of input.
/// </summary>
internal static class ClaimsWorker
{
    public const string Mode = "__claims-worker";

    public static string TicketIdOf(int index) => TicketId.Encode(1_780_000_000_000UL + (ulong)index);

    public static int Run(string[] args)
    {
        var pod = args[0];
        var warmDir = Directory.CreateTempSubdirectory("yb-claimwarm-").FullName;
        try
        {
            Claim(warmDir, pod, int.Parse(args[1]));
        }
        finally
        {
            Directory.Delete(warmDir, recursive: true);
        }
        Console.WriteLine("ready");
        while (Console.ReadLine() is { } line)
        {
            var parts = line.Split(' ');
            var started = Stopwatch.GetTimestamp();
            var (claimed, refused) = Claim(parts[0], pod, int.Parse(parts[1]));
            Console.WriteLine($"done {claimed} {refused} {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0.###}");
        }
        return 0;
    }

    private static (int Claimed, int Refused) Claim(string registryDir, string pod, int count)
    {
        var claims = new TicketClaims(RegistryLocation.AtDirectory(registryDir), TimeProvider.System, pod);
        int claimed = 0, refused = 0;
        for (var i = 0; i < count; i++)
        {
            switch (claims.Claim(TicketIdOf(i), null, pod, "intake"))
            {
                case ClaimOutcome.Claimed: claimed++; break;
                case ClaimOutcome.OwnedByOther: refused++; break;
                default: throw new InvalidOperationException($"{pod}: unexpected outcome for Ticket {TicketIdOf(i)}");
            }
        }
        return (claimed, refused);
    }
}
