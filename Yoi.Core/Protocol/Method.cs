namespace Yoi.Core.Protocol;

/// <summary>
/// A client → Pod request: <c>{"method": name, "params": {...}, "id"?: string}</c>. Unit variants have no params.
/// <see cref="Id"/> (ours) correlates replies (<c>reply_to</c>).
/// </summary>
public abstract record Method
{
    public abstract string Name { get; }
    public string? Id { get; init; }
}

public sealed record RunMethod(IReadOnlyList<Segment> Input) : Method
{
    public override string Name => "run";

    public static RunMethod Text(string text) => new([new TextSegment(text)]);

    public bool Equals(RunMethod? other) => other is not null && Id == other.Id && Input.SequenceEqual(other.Input);
    public override int GetHashCode() => HashCode.Combine(Id, Input.Count);
}

/// <summary><c>auto_run</c> defaults to true and is omitted on the wire when true.</summary>
public sealed record NotifyMethod(string Message, bool AutoRun = true) : Method
{
    public override string Name => "notify";
}

public sealed record PodEventMethod(PodEvent Event) : Method
{
    public override string Name => "pod_event";
}

public sealed record ResumeMethod : Method
{
    public override string Name => "resume";
}

public sealed record CancelMethod : Method
{
    public override string Name => "cancel";
}

public sealed record PauseMethod : Method
{
    public override string Name => "pause";
}

public sealed record ShutdownMethod : Method
{
    public override string Name => "shutdown";
}

public sealed record ListPodsMethod : Method
{
    public override string Name => "list_pods";
}

public sealed record RestorePodMethod(string PodName) : Method
{
    public override string Name => "restore_pod";
}

public sealed record RegisterPeerMethod(string PodName) : Method
{
    public override string Name => "register_peer";
}

/// <summary>
/// (ours) The optional first line of a connection, read before the Pod writes its prelude: <c>entries:false</c> asks
/// for a snapshot without the session entries (one-shot clients need only status and counts). <c>entries</c> defaults
/// to true and is omitted on the wire when true. <c>subscribe:false</c> (default true, omitted when true) asks for no
/// prelude and no broadcast events at all: the connection receives only the replies to its own methods (a one-shot
/// notify waits for nothing but its <c>notify_queued</c>). A client that sends nothing first gets the full prelude.
/// </summary>
public sealed record HelloMethod(bool Entries = true, bool Subscribe = true) : Method
{
    public override string Name => "hello";
}

/// <summary>A method of the original protocol that we recognise but do not implement (LLM context management).</summary>
public sealed record UnsupportedMethod(string MethodName) : Method
{
    public override string Name => MethodName;

    public static readonly IReadOnlySet<string> Names =
        new HashSet<string>(["compact", "list_rewind_targets", "rewind_to", "list_completions"], StringComparer.Ordinal);
}
