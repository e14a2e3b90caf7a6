using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;

namespace Broadcast.Library.Uploads;

/// <summary>
/// Copies an upload to its incoming folder while hashing it, in fixed-size blocks: a 500 MiB upload costs 80 KiB of
/// memory, and the hash is ready the moment the last byte is on disk (no second read for the duplicate check).
/// </summary>
internal static class UploadReceiver
{
    // Under the large-object-heap threshold; the pool reuses it across uploads.
    private const int BlockBytes = 80 * 1024;

    public static async Task<IncomingUpload> ReceiveAsync(Stream content, string incomingRoot, string? clientFileName, long maxBytes, CancellationToken cancellationToken)
    {
        var fileName = UploadFileName.Sanitize(clientFileName);
        var folder = IncomingFolder.Create(incomingRoot);
        var path = Path.Combine(folder, fileName);
        var buffer = ArrayPool<byte>.Shared.Rent(BlockBytes);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long length = 0;
            await using (var file = Storage(path, () => new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous)))
            {
                // Read errors (the client went away) pass through as they are; write errors are the library's.
                int n;
                while ((n = await content.ReadAsync(buffer.AsMemory(0, BlockBytes), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    length += n;
                    if (length > maxBytes)
                    {
                        throw new ProgrammeUploadException(
                            UploadRefusal.TooLarge,
                            "file",
                            $"{fileName}: the upload is larger than the limit of {Size(maxBytes)} (Library:MaxUploadBytes); nothing was stored");
                    }

                    hash.AppendData(buffer, 0, n);
                    await StorageAsync(path, file.WriteAsync(buffer.AsMemory(0, n), cancellationToken)).ConfigureAwait(false);
                }

                await StorageAsync(path, new ValueTask(file.FlushAsync(cancellationToken))).ConfigureAwait(false);
            }

            return new IncomingUpload(folder, path, fileName, Convert.ToHexStringLower(hash.GetHashAndReset()), length);
        }
        catch
        {
            IncomingFolder.TryDelete(folder);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static T Storage<T>(string path, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw StorageFailed(path, ex);
        }
    }

    private static async ValueTask StorageAsync(string path, ValueTask write)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw StorageFailed(path, ex);
        }
    }

    private static ProgrammeUploadException StorageFailed(string path, Exception ex) =>
        new(UploadRefusal.StorageFailed, null, $"cannot write the upload to {path} ({ex.Message}); check the free space and permissions of the library folder", ex);

    internal static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 when bytes % (1L << 30) == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes >> 30} GiB"),
        >= 1L << 20 when bytes % (1L << 20) == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes >> 20} MiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.0} MiB ({bytes:N0} bytes)"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes"),
    };
}
