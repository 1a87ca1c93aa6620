namespace Yoi.Core;

/// <summary>
/// yoi's own failure of a storage or socket operation — a durable write that did not happen (<c>WriteFailedException</c>),
/// a Pod that did not answer (<c>PodClientException</c>), a lock not taken in time, an unusable metadata or registry
/// file — with a message naming the file or Pod, the cause and the next step. It is a <see cref="YoiException"/> (one
/// base, caught once per boundary), not an <see cref="IOException"/>; code that degrades on a failed operation (log
/// it, skip a notice, keep an outcome owed) catches <see cref="IsIOFailure"/>, which takes the OS's failures too.
/// </summary>
public class YoiIOException(string message, Exception? inner = null, string? nextStep = null) : YoiException(message, inner, nextStep)
{
    /// <summary>True for a failed storage or socket operation: the OS's (<see cref="IOException"/>, a denied permission) or yoi's own.</summary>
    public static bool IsIOFailure(Exception ex) => ex is IOException or UnauthorizedAccessException or YoiIOException;
}
