using Yoi.Core.Claims;

namespace Yoi.Core.Launch;

/// <summary>What happened to the Ticket claim during a launch.</summary>
public enum ClaimDisposition
{
    /// <summary>The launch had no Ticket to claim (pre-Ticket Intake, Orchestrator).</summary>
    None,
    /// <summary>A new claim was created for the launched Pod.</summary>
    Claimed,
    /// <summary>The claim already belonged to this Pod and role.</summary>
    AlreadyOwned,
    /// <summary>The launch failed before any process ran; the claim was released.</summary>
    Released,
    /// <summary>The launch failed after a process may have started; the claim was kept (open, retry or reclaim).</summary>
    Kept,
    /// <summary>Another Pod owns the claim; nothing was started.</summary>
    Refused,
}

/// <summary>A successful role launch: the Pod, its socket, the claim outcome, the peer registration and any warnings.</summary>
public sealed record RoleLaunchResult(
    string PodName,
    string SocketPath,
    ClaimDisposition Claim,
    string? PeerRegisteredWith,
    IReadOnlyList<string> Warnings);

/// <summary>A role launch that did not happen or did not complete; <see cref="Claim"/> says what became of the claim.</summary>
public sealed class RoleLaunchException(string message, ClaimDisposition claim, string? podName = null, Exception? inner = null)
    : YoiException(message, inner)
{
    public ClaimDisposition Claim { get; } = claim;
    public string? PodName { get; } = podName;
}
