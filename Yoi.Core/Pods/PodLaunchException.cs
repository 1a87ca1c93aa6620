namespace Yoi.Core.Pods;

public enum PodLaunchFailure
{
    /// <summary>Nothing was started (bad request, the program could not be executed). Safe to release a claim.</summary>
    NotStarted,
    /// <summary>The process started and exited before it was ready.</summary>
    ExitedEarly,
    /// <summary>The process started but did not become ready in time (it was killed).</summary>
    Timeout,
    /// <summary>A live Pod already answers on that name.</summary>
    AlreadyLive,
}

/// <summary>A Pod could not be spawned or restored; <see cref="Failure"/> says whether a process may have started.</summary>
public sealed class PodLaunchException(PodLaunchFailure failure, string message, Exception? inner = null) : YoiException(message, inner)
{
    public PodLaunchFailure Failure { get; } = failure;

    /// <summary>True when a process may have run (so a claim taken for it must be kept).</summary>
    public bool ProcessMayHaveStarted => Failure is PodLaunchFailure.ExitedEarly or PodLaunchFailure.Timeout;
}
