namespace Yoi.Core.Registry;

/// <summary>
/// A registry or claim file that exists but cannot be used (unreadable, corrupt JSON, wrong shape), or a lock
/// that could not be taken. Carries the path and the reason; the message names the next step.
/// </summary>
public sealed class RegistryException(string path, string reason, string nextStep)
    : YoiIOException($"local role-session registry file {path} is unusable: {reason}; {nextStep}", null, nextStep)
{
    public string FilePath { get; } = path;
    public string Reason { get; } = reason;
}
