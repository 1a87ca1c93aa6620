using Yoi.Core.Workflows;

namespace Yoi.Core.Panel;

/// <summary>
/// Lifecycle memory (docs/original-panel.md §2.5): an Unavailable status with a detail is remembered per role; a later
/// Missing or Stopped status for the same Pod name shows the remembered failure instead. Live, Spawned and
/// Restored clear it, and so does a change of Pod name.
/// </summary>
internal sealed class LifecycleMemory
{
    private readonly Dictionary<string, LifecycleStatus> _failures = new(StringComparer.Ordinal);

    public LifecycleStatus? Apply(string role, LifecycleStatus? status)
    {
        if (status is null)
        {
            _failures.Remove(role);
            return null;
        }
        if (_failures.TryGetValue(role, out var remembered) && remembered.PodName != status.PodName) _failures.Remove(role);
        switch (status.State)
        {
            case RoleState.Unavailable when status.Detail is not null:
                _failures[role] = status with { Remembered = false };
                return status;
            case RoleState.Live or RoleState.Spawned or RoleState.Restored:
                _failures.Remove(role);
                return status;
            case RoleState.Missing or RoleState.Stopped when _failures.TryGetValue(role, out var failure):
                return failure with { Remembered = true };
            default:
                return status;
        }
    }
}
