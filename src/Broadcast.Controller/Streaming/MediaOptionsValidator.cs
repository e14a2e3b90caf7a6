using System.Net;
using Microsoft.Extensions.Options;

namespace Broadcast.Controller.Streaming;

[OptionsValidator]
internal sealed partial class MediaOptionsValidator : IValidateOptions<MediaOptions>;

/// <summary>Checks what attributes cannot: that <see cref="MediaOptions.UdpBind"/> parses as address:port.</summary>
internal sealed class MediaBindValidator : IValidateOptions<MediaOptions>
{
    public ValidateOptionsResult Validate(string? name, MediaOptions options) =>
        IPEndPoint.TryParse(options.UdpBind, out var endpoint) && endpoint.Port is >= 0 and <= 65535
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Media:UdpBind '{options.UdpBind}' is not an address:port such as 127.0.0.1:5004");
}
