using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Broadcast.Accounts.Authorization;

/// <summary>
/// Reads the <c>target</c> and <c>priority</c> fields of a JSON body without consuming it: the body is buffered and
/// rewound for the handler. Field names match case-insensitively and the last duplicate wins, as the handlers'
/// System.Text.Json web defaults read them, so the check and the handler see the same values.
/// </summary>
internal static class RequestJson
{
    // JSON commands are small; a larger body is not a command the central check can vouch for.
    public const int MaxBytes = 1 << 20;

    public static async Task<BodyFields> ReadAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBytes)
        {
            return BodyFields.Fail($"a JSON command body may hold at most {MaxBytes} bytes");
        }

        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: MaxBytes);
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted).ConfigureAwait(false);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return BodyFields.Fail("the body must be a JSON object");
            }

            string? target = null;
            string? priority = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name.Equals("target", StringComparison.OrdinalIgnoreCase))
                {
                    if (!TryText(property.Value, out target))
                    {
                        return BodyFields.Fail("target must be a string such as \"commune:Y Tý\"");
                    }
                }
                else if (property.Name.Equals("priority", StringComparison.OrdinalIgnoreCase))
                {
                    if (!TryText(property.Value, out priority))
                    {
                        return BodyFields.Fail("priority must be one of emergency, district, commune, background");
                    }
                }
            }

            return new BodyFields(target, string.IsNullOrWhiteSpace(priority) ? null : priority.Trim(), null);
        }
        catch (JsonException ex)
        {
            return BodyFields.Fail($"the body is not valid JSON: {ex.Message}");
        }
        catch (IOException ex)
        {
            return BodyFields.Fail($"the body could not be read: {ex.Message}");
        }
        finally
        {
            request.Body.Position = 0;
        }
    }

    private static bool TryText(JsonElement value, out string? text)
    {
        text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        return value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null;
    }
}

/// <summary>The fields the central check needs, or why the body cannot be read.</summary>
internal sealed record BodyFields(string? Target, string? Priority, string? Error)
{
    public static BodyFields Fail(string error) => new(null, null, error);
}
