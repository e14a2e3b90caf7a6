using System.Text.Json;
using Broadcast.Controller.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Broadcast.Controller.Broadcasts;

/// <summary>
/// Volumes set per endpoint (<c>POST /api/endpoints/{id}/volume</c>, <c>POST /api/volume</c>), kept in
/// <c>DataDir/volumes.json</c> so a hamlet turned down stays down after a restart. Written whole to a temporary file
/// and renamed, so a crash never leaves half a file.
/// </summary>
internal sealed class EndpointVolumes
{
    public const string FileName = "volumes.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private readonly Lock _gate = new();
    private readonly Dictionary<string, byte> _volumes;
    private readonly string _path;

    public EndpointVolumes(IOptions<ControllerOptions> options, ILogger<EndpointVolumes> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _path = Path.Combine(options.Value.DataDir, FileName);
        _volumes = Load(_path, logger);
    }

    /// <summary>The volume set for <paramref name="endpointId"/>, or null when none was.</summary>
    public byte? Find(string endpointId)
    {
        lock (_gate)
        {
            return _volumes.TryGetValue(endpointId, out var v) ? v : null;
        }
    }

    /// <summary>Every volume set, by endpoint id.</summary>
    public IReadOnlyDictionary<string, byte> All()
    {
        lock (_gate)
        {
            return new SortedDictionary<string, byte>(_volumes, StringComparer.Ordinal);
        }
    }

    /// <summary>Sets the volume of every endpoint in <paramref name="endpointIds"/> and saves the file.</summary>
    /// <exception cref="IOException">The file could not be written (the volumes are set in memory all the same).</exception>
    public void Set(IEnumerable<string> endpointIds, byte volume)
    {
        ArgumentNullException.ThrowIfNull(endpointIds);
        VolumesFile snapshot;
        lock (_gate)
        {
            foreach (var id in endpointIds)
            {
                _volumes[id] = volume;
            }

            snapshot = new VolumesFile(1, new SortedDictionary<string, byte>(_volumes, StringComparer.Ordinal));
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(_path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{FileName}.{Guid.NewGuid():N}.partial");
        try
        {
            File.WriteAllText(temp, JsonSerializer.Serialize(snapshot, Json));
            File.Move(temp, _path, overwrite: true);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new IOException($"{_path}: cannot be written: {ex.Message}", ex);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static Dictionary<string, byte> Load(string path, ILogger logger)
    {
        if (!File.Exists(path))
        {
            return new(StringComparer.Ordinal);
        }

        try
        {
            var file = JsonSerializer.Deserialize<VolumesFile>(File.ReadAllText(path), Json);
            var volumes = new Dictionary<string, byte>(StringComparer.Ordinal);
            foreach (var (id, volume) in file?.Volumes ?? new Dictionary<string, byte>())
            {
                volumes[id] = Math.Min(volume, (byte)100);
            }

            return volumes;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            ControllerLog.VolumesUnreadable(logger, path, ex.Message);
            return new(StringComparer.Ordinal);
        }
    }

    private sealed record VolumesFile(int FormatVersion, IDictionary<string, byte> Volumes);
}
