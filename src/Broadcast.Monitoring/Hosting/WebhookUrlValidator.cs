using Microsoft.Extensions.Options;

namespace Broadcast.Monitoring.Hosting;

/// <summary>What data annotations cannot say: the webhook is an absolute http or https URL.</summary>
internal sealed class WebhookUrlValidator : IValidateOptions<MonitoringOptions>
{
    public ValidateOptionsResult Validate(string? name, MonitoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.WebhookUrl is not { } text)
        {
            return ValidateOptionsResult.Success;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return ValidateOptionsResult.Fail("Monitoring:WebhookUrl is blank; remove the key to send no webhook, or give an http or https URL such as https://alerts.example.vn/bcast");
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return ValidateOptionsResult.Fail($"Monitoring:WebhookUrl '{text}' is not an absolute http or https URL (e.g. https://alerts.example.vn/bcast)");
        }

        return string.IsNullOrEmpty(uri.UserInfo)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Monitoring:WebhookUrl holds a user name or password; put credentials in the receiving service's URL path or token, not in user info, so they do not reach the logs");
    }
}
