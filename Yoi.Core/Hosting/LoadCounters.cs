namespace Yoi.Core.Hosting;

/// <summary>
/// Counts the loads an action should do once: the merged config (<see cref="YoiServices.LoadConfig"/>) and a single
/// Ticket read for an action (<see cref="WorkspaceContext.Ticket"/>). Thread-safe; never reset.
/// </summary>
public sealed class LoadCounters
{
    private int _config;
    private int _tickets;

    public int ConfigLoads => Volatile.Read(ref _config);

    public int TicketLoads => Volatile.Read(ref _tickets);

    internal void CountConfig() => Interlocked.Increment(ref _config);

    internal void CountTicket() => Interlocked.Increment(ref _tickets);
}
